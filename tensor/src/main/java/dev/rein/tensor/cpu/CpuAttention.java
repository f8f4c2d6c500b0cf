package dev.rein.tensor.cpu;

import dev.rein.tensor.AttentionSpec;
import dev.rein.tensor.Elements;
import dev.rein.tensor.RopeConvention;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/** Rotary embedding and fused scaled dot-product attention (one query row at a time, softmax in registers). */
final class CpuAttention {
    private CpuAttention() {
    }

    static void rope(Tensor x, Tensor positions, Tensor invFreq, RopeConvention convention, Tensor out) {
        int b = x.size(0);
        int h = x.size(1);
        int t = x.size(2);
        int d = x.size(3);
        int half = d / 2;
        MemorySegment xs = x.storage().segment();
        MemorySegment os = out.storage().segment();
        float[] freq = invFreq.toFloatArray();
        long[] pos = positions.toLongArray(); // [b * t]
        long sB = x.stride(0);
        long sH = x.stride(1);
        long sT = x.stride(2);
        long sD = x.stride(3);
        Parallel.forRange(b * h * t, 4L * d, (s, e) -> {
            for (int r = s; r < e; r++) {
                int bi = r / (h * t);
                int hi = (r / t) % h;
                int ti = r % t;
                long in = x.offset() + bi * sB + hi * sH + ti * sT;
                long o = out.offset() + (long) r * d;
                float p = pos[bi * t + ti];
                for (int i = 0; i < half; i++) {
                    float angle = p * freq[i];
                    float cos = (float) Math.cos(angle);
                    float sin = (float) Math.sin(angle);
                    int i0 = convention == RopeConvention.HALF_SPLIT ? i : 2 * i;
                    int i1 = convention == RopeConvention.HALF_SPLIT ? i + half : 2 * i + 1;
                    float x0 = xs.getAtIndex(Elements.F32, in + i0 * sD);
                    float x1 = xs.getAtIndex(Elements.F32, in + i1 * sD);
                    os.setAtIndex(Elements.F32, o + i0, x0 * cos - x1 * sin);
                    os.setAtIndex(Elements.F32, o + i1, x1 * cos + x0 * sin);
                }
            }
        });
    }

    static void attention(Tensor q, Tensor k, Tensor v, Tensor mask, AttentionSpec spec, Tensor out) {
        int b = q.size(0);
        int hq = q.size(1);
        int tq = q.size(2);
        int d = q.size(3);
        int hkv = k.size(1);
        int tk = k.size(2);
        int dv = v.size(3);
        int group = hq / hkv;
        int past = tk - tq;
        MemorySegment qs = q.storage().segment();
        MemorySegment ks = k.storage().segment();
        MemorySegment vs = v.storage().segment();
        MemorySegment ms = mask == null ? null : mask.storage().segment();
        MemorySegment os = out.storage().segment();
        Parallel.forRange(b * hq * tq, (long) tk * (d + dv), (s, e) -> {
            float[] scores = new float[tk];
            float[] acc = new float[dv];
            float[] qRow = new float[d];
            for (int r = s; r < e; r++) {
                int bi = r / (hq * tq);
                int hi = (r / tq) % hq;
                int ti = r % tq;
                int kvh = hi / group;
                long qAt = q.offset() + bi * q.stride(0) + hi * q.stride(1) + ti * q.stride(2);
                for (int c = 0; c < d; c++) {
                    qRow[c] = qs.getAtIndex(Elements.F32, qAt + c * q.stride(3));
                }
                int absolute = past + ti;
                float maxScore = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < tk; j++) {
                    boolean visible = (!spec.causal() || j <= absolute)
                            && (spec.slidingWindow() <= 0 || absolute - j < spec.slidingWindow());
                    if (!visible) {
                        scores[j] = Float.NEGATIVE_INFINITY;
                        continue;
                    }
                    long kAt = k.offset() + bi * k.stride(0) + kvh * k.stride(1) + j * k.stride(2);
                    float dot = 0f;
                    for (int c = 0; c < d; c++) {
                        dot += qRow[c] * ks.getAtIndex(Elements.F32, kAt + c * k.stride(3));
                    }
                    float score = dot * spec.scale();
                    if (spec.softcap() > 0f) {
                        score = (float) (spec.softcap() * Math.tanh(score / spec.softcap()));
                    }
                    if (ms != null) {
                        score += ms.getAtIndex(Elements.F32, mask.offset() + bi * mask.stride(0) + hi * mask.stride(1)
                                + ti * mask.stride(2) + j * mask.stride(3));
                    }
                    scores[j] = score;
                    maxScore = Math.max(maxScore, score);
                }
                java.util.Arrays.fill(acc, 0f);
                float total = 0f;
                for (int j = 0; j < tk; j++) {
                    if (scores[j] == Float.NEGATIVE_INFINITY) {
                        continue;
                    }
                    float p = (float) Math.exp(scores[j] - maxScore);
                    total += p;
                    long vAt = v.offset() + bi * v.stride(0) + kvh * v.stride(1) + j * v.stride(2);
                    for (int c = 0; c < dv; c++) {
                        acc[c] += p * vs.getAtIndex(Elements.F32, vAt + c * v.stride(3));
                    }
                }
                long oAt = out.offset() + (long) r * dv;
                float inv = 1f / total; // a row with nothing visible gives NaN, as PyTorch does
                for (int c = 0; c < dv; c++) {
                    os.setAtIndex(Elements.F32, oAt + c, acc[c] * inv);
                }
            }
        });
    }
}
