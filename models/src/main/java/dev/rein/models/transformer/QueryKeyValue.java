package dev.rein.models.transformer;

import dev.rein.formats.layout.ParameterRole;

/**
 * How a block projects its attention input to queries, keys and values: three projections, or GPT-2's one fused
 * projection whose output rows are the queries', then the keys', then the values'. The fused one is used as stored:
 * one product read as one stream.
 */
public sealed interface QueryKeyValue {

    /** The projection of {@code role} ({@code QKV}, {@code QUERY}, {@code KEY}, {@code VALUE}), null where none. */
    Projection projection(ParameterRole role);

    /**
     * This layout with the projection of {@code role} replaced.
     *
     * @throws IllegalArgumentException when this layout has no projection of that role
     */
    QueryKeyValue withProjection(ParameterRole role, Projection p);

    /**
     * Separate projections (every family but GPT-2).
     *
     * @param query [numHeads * headDim, hidden]
     * @param key   [numKvHeads * headDim, hidden]
     * @param value [numKvHeads * headDim, hidden]
     */
    record Separate(Projection query, Projection key, Projection value) implements QueryKeyValue {
        @Override
        public Projection projection(ParameterRole role) {
            return switch (role) {
                case QUERY -> query;
                case KEY -> key;
                case VALUE -> value;
                default -> null;
            };
        }

        @Override
        public QueryKeyValue withProjection(ParameterRole role, Projection p) {
            return switch (role) {
                case QUERY -> new Separate(p, key, value);
                case KEY -> new Separate(query, p, value);
                case VALUE -> new Separate(query, key, p);
                default -> throw new IllegalArgumentException("this layer projects queries, keys and values "
                        + "separately (QUERY, KEY, VALUE); it has no " + role + " projection");
            };
        }
    }

    /**
     * GPT-2's fused projection.
     *
     * @param all [(numHeads + 2 numKvHeads) * headDim, hidden]: query, key and value rows in that order
     */
    record Fused(Projection all) implements QueryKeyValue {
        @Override
        public Projection projection(ParameterRole role) {
            return role == ParameterRole.QKV ? all : null;
        }

        @Override
        public QueryKeyValue withProjection(ParameterRole role, Projection p) {
            if (role != ParameterRole.QKV) {
                throw new IllegalArgumentException("this layer's queries, keys and values are one fused projection "
                        + "(QKV); it has no " + role + " projection");
            }
            return new Fused(p);
        }
    }
}
