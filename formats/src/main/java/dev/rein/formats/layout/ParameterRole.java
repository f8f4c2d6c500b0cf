package dev.rein.formats.layout;

/**
 * What a weight tensor does in the transformer, independent of the family's name for it. The loader files each
 * tensor under its role; {@code rein init} draws each tensor as its role's {@link Init} says.
 */
public enum ParameterRole {
    TOKEN_EMBEDDING(Init.NORMAL),
    POSITION_EMBEDDING(Init.NORMAL),
    ATTENTION_NORM(Init.NORM_WEIGHT),
    ATTENTION_NORM_BIAS(Init.ZEROS),
    /** GPT-2's fused query/key/value projection, used as one product (the three below are the other families'). */
    QKV(Init.NORMAL),
    QKV_BIAS(Init.ZEROS),
    QUERY(Init.NORMAL),
    QUERY_BIAS(Init.ZEROS),
    KEY(Init.NORMAL),
    KEY_BIAS(Init.ZEROS),
    VALUE(Init.NORMAL),
    VALUE_BIAS(Init.ZEROS),
    OUTPUT(Init.NORMAL),
    OUTPUT_BIAS(Init.ZEROS),
    QUERY_NORM(Init.NORM_WEIGHT),
    KEY_NORM(Init.NORM_WEIGHT),
    /** Gemma 2/3: the norm applied to the attention output before it joins the residual stream. */
    POST_ATTENTION_NORM(Init.NORM_WEIGHT),
    MLP_NORM(Init.NORM_WEIGHT),
    MLP_NORM_BIAS(Init.ZEROS),
    /** Gemma 2/3: the norm applied to the MLP output before it joins the residual stream. */
    POST_MLP_NORM(Init.NORM_WEIGHT),
    GATE(Init.NORMAL),
    GATE_BIAS(Init.ZEROS),
    UP(Init.NORMAL),
    UP_BIAS(Init.ZEROS),
    DOWN(Init.NORMAL),
    DOWN_BIAS(Init.ZEROS),
    FINAL_NORM(Init.NORM_WEIGHT),
    FINAL_NORM_BIAS(Init.ZEROS),
    LM_HEAD(Init.NORMAL);

    /** How a freshly initialised model fills a tensor of this role (as Hugging Face's _init_weights does). */
    public enum Init {
        /** Normal with mean 0 and the config's initializer_range as standard deviation. */
        NORMAL,
        ZEROS,
        /** 1 for a plain norm, 0 for Gemma's (1 + w) norm: either way the norm starts as the identity scale. */
        NORM_WEIGHT
    }

    private final Init init;

    ParameterRole(Init init) {
        this.init = init;
    }

    public Init init() {
        return init;
    }
}
