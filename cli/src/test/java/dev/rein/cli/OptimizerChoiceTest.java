package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.autograd.Variable;
import dev.rein.tensor.Tensor;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.optim.Optimizer;
import dev.rein.training.optim.ParameterGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerChoiceTest {
    @Test
    void weightDecayReachesMatricesButNotBiasesOrNormWeights() {
        List<NamedParameter> parameters = List.of(
                new NamedParameter("model.embed_tokens.weight", Variable.parameter(Tensor.zeros(4, 2))),
                new NamedParameter("model.norm.weight", Variable.parameter(Tensor.zeros(2))),
                new NamedParameter("model.layers.0.self_attn.q_proj.weight", Variable.parameter(Tensor.zeros(2, 2))),
                new NamedParameter("model.layers.0.self_attn.q_proj.bias", Variable.parameter(Tensor.zeros(2))));
        Optimizer optimizer = OptimizerChoice.ADAMW.create(parameters, 1e-3, 0.1);
        List<ParameterGroup> groups = optimizer.groups();
        assertEquals(List.of("decay", "no_decay"), groups.stream().map(ParameterGroup::name).toList());
        assertEquals(List.of("model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight"),
                groups.get(0).parameters().stream().map(NamedParameter::name).toList());
        assertEquals(0.1, groups.get(0).weightDecay());
        assertEquals(List.of("model.norm.weight", "model.layers.0.self_attn.q_proj.bias"),
                groups.get(1).parameters().stream().map(NamedParameter::name).toList());
        assertEquals(0.0, groups.get(1).weightDecay());
    }

    @Test
    void onlyVectorsMakeOneUndecayedGroup() {
        Optimizer optimizer = OptimizerChoice.SGD.create(
                List.of(new NamedParameter("bias", Variable.parameter(Tensor.zeros(3)))), 0.1, 0.5);
        assertEquals(List.of("no_decay"), optimizer.groups().stream().map(ParameterGroup::name).toList());
    }
}
