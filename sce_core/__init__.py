"""The math of softmax, cross-entropy and their gradients, in plain numpy.

Logits ``x`` and labels ``y`` are ``(n,)`` vectors or ``(B, n)`` batches with the class
axis last. Every function validates its input and raises ``ValueError`` naming the
argument (``TypeError`` for values that are not numbers); none mutates its input.
"""

from .gradcheck import numerical_grad, relative_error
from .losses import (
    ChainRuleParts,
    chain_rule_parts,
    chain_rule_terms,
    cross_entropy,
    cross_entropy_from_logits,
    cross_entropy_grad,
    logits_grad,
)
from .softmax import (
    JacobianParts,
    log_softmax,
    logsumexp,
    softmax,
    softmax_jacobian,
    softmax_jacobian_parts,
)

__all__ = [
    "ChainRuleParts",
    "JacobianParts",
    "chain_rule_parts",
    "chain_rule_terms",
    "cross_entropy",
    "cross_entropy_from_logits",
    "cross_entropy_grad",
    "log_softmax",
    "logits_grad",
    "logsumexp",
    "numerical_grad",
    "relative_error",
    "softmax",
    "softmax_jacobian",
    "softmax_jacobian_parts",
]
