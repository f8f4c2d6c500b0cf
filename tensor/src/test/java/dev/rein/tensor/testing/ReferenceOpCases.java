package dev.rein.tensor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.opentest4j.TestAbortedException;

/**
 * The op-level cases of ../shared/reference/grads/ops.json (PyTorch, F32): inputs, upstream gradient,
 * output and input gradients. Convention of the file: the objective is sum(output * upstream_grad) and the
 * gradients are d objective / d input. Read once per call; skipped or failed through {@link SharedData}.
 */
public final class ReferenceOpCases {
    private ReferenceOpCases() {
    }

    /** One case; {@code inputs} and {@code grads} keep the file's order of inputs. */
    public record Case(String name, String description, Map<String, Tensor> inputs, Tensor upstreamGrad,
                       Tensor output, Map<String, Tensor> grads) {
    }

    /**
     * One dynamic test per case, named by {@code name}, running {@code check}. When the file is missing the
     * result is a single test that skips (or fails under REIN_REQUIRE_SHARED=1): a skip thrown by the factory
     * itself would not show in the test counts.
     */
    public static List<DynamicTest> asTests(Function<Case, String> name, ThrowingConsumer<Case> check) {
        List<Case> cases;
        try {
            cases = load();
        } catch (TestAbortedException missing) {
            return List.of(DynamicTest.dynamicTest("ops.json cases", () -> {
                throw missing;
            }));
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(name.apply(c), () -> check.accept(c))).toList();
    }

    /** Every case in the file, in its order. */
    public static List<Case> load() {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(SharedData.path("reference/grads/ops.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ../shared/reference/grads/ops.json", e);
        }
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            Map<String, Tensor> inputs = new LinkedHashMap<>();
            c.get("inputs").properties().forEach(e -> inputs.put(e.getKey(), tensor(e.getValue())));
            Map<String, Tensor> grads = new LinkedHashMap<>();
            c.get("grads").properties().forEach(e -> grads.put(e.getKey(), tensor(e.getValue())));
            cases.add(new Case(c.get("name").asText(), c.get("description").asText(), inputs,
                    tensor(c.get("upstream_grad")), tensor(c.get("output")), grads));
        }
        return cases;
    }

    /** {"shape": [...], "data": [...]} as an F32 tensor (decimals parsed to float, as the reference did). */
    private static Tensor tensor(JsonNode node) {
        JsonNode shapeNode = node.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        JsonNode data = node.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(values, shape);
    }
}
