# Sourced by ./rein and ./build.sh: points JAVA_HOME at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, then the usual system JVM folders. Fails with a clear message otherwise.

rein_java_major() { # prints the major version of the JDK at $1, or nothing
  local release="$1/release" version
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  echo "$version"
}

rein_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(rein_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(rein_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "rein: no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm, /opt/java, ~/.sdkman)." >&2
  echo "rein: install one (for example Eclipse Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}

rein_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
