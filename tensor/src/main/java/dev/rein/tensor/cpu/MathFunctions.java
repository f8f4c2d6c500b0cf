package dev.rein.tensor.cpu;

/** Scalar definitions of the activation functions, the reference every vectorised kernel is tested against. */
public final class MathFunctions {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private MathFunctions() {
    }

    /**
     * The error function to double precision for float use: its Maclaurin series below |x| = 4 (about 1e-11
     * absolute after cancellation), and +-1 beyond, where erfc(4) = 1.5e-8 is below half an F32 ulp of 1.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 4.0) {
            return Math.signum(x);
        }
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    public static float geluErf(float x) {
        return (float) (0.5 * x * (1.0 + erf(x / Math.sqrt(2.0))));
    }

    public static float geluTanh(float x) {
        return (float) (0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x))));
    }

    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    public static float silu(float x) {
        return x * sigmoid(x);
    }

    /** One unary op applied to one value. */
    public static float apply(dev.rein.tensor.UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case ABS -> Math.abs(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> x > 0f || Float.isNaN(x) ? x : 0f; // NaN propagates, as in the vector path and PyTorch
            case GELU_ERF -> geluErf(x);
            case GELU_TANH -> geluTanh(x);
            case SILU -> silu(x);
        };
    }

    /** The derivative op'(x) of one unary op at one value, in double (the reference of the vector backward). */
    public static double derivative(dev.rein.tensor.UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -1.0;
            case EXP -> Math.exp(x);
            case LOG -> 1.0 / x;
            case SQRT -> 0.5 / Math.sqrt(x);
            case RSQRT -> -0.5 / (x * Math.sqrt(x));                       // d x^(-1/2) = -1/2 x^(-3/2)
            case ABS -> Math.signum(x);
            case TANH -> 1.0 - Math.tanh(x) * Math.tanh(x);
            case SIGMOID -> sigmoid(x) * (1.0 - sigmoid(x));
            case RELU -> x > 0f ? 1.0 : 0.0;
            case GELU_ERF -> 0.5 * (1.0 + erf(x / Math.sqrt(2.0))) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
            case GELU_TANH -> geluTanhDerivative(x);
            case SILU -> sigmoid(x) * (1.0 + x * (1.0 - sigmoid(x)));
        };
    }

    /** d/dx 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3). */
    private static double geluTanhDerivative(double x) {
        double t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
        double du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * x * x);
        return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du;
    }

    /** One binary op applied to one pair. */
    public static float apply(dev.rein.tensor.BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAX -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            case MIN -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.min(a, b);
        };
    }
}
