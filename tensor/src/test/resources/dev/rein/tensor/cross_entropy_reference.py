# Prints the torch constants used by NeuralOpsTest.crossEntropyMatchesTorch.
# Run with Debian's python3 and python3-torch (1.13):  /usr/bin/python3 cross_entropy_reference.py
import torch

torch.manual_seed(0)
logits = (torch.randn(6, 7) * 2).round(decimals=4)
targets = torch.tensor([1, -100, 3, 6, -100, 0])
print("logits", [round(v, 4) for v in logits.flatten().tolist()])
print("targets", targets.tolist())
for eps in (0.0, 0.1, 0.3):
    loss = torch.nn.functional.cross_entropy(logits, targets, ignore_index=-100, label_smoothing=eps)
    print("eps", eps, "loss", repr(loss.item()))
# large logits: the loss must stay finite (log-sum-exp with the max subtracted)
big = logits * 1000
print("big eps 0.1 loss", repr(torch.nn.functional.cross_entropy(big, targets, label_smoothing=0.1).item()))
