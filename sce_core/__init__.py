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
from .pairing import (
    LOSS_KINDS,
    binary_cross_entropy,
    binary_cross_entropy_from_logit,
    binary_cross_entropy_logit_grad,
    gradient_norm_vs_confidence,
    loss_surface,
    sigmoid,
    squared_error,
    squared_error_logits_grad,
)
from .quiz import QUESTION_KINDS, Question, QuizSetting, check_answer, make_question
from .softmax import (
    JacobianParts,
    SoftmaxTerms,
    log_softmax,
    logsumexp,
    softmax,
    softmax_jacobian,
    softmax_jacobian_parts,
    softmax_terms,
)
from .stability import (
    FLOAT_STATUSES,
    LogSumExpSteps,
    float_report,
    logsumexp_steps,
    naive_log_softmax,
    naive_softmax,
)
from .training import (
    BUGS,
    MAX_EPOCHS,
    LossAndGrad,
    TrainResult,
    decision_grid,
    gradient_check_model,
    make_blobs,
    model_loss_and_grad,
    one_hot,
    predict,
    train,
    train_with_full_jacobian,
)

__all__ = [
    "BUGS",
    "FLOAT_STATUSES",
    "LOSS_KINDS",
    "MAX_EPOCHS",
    "QUESTION_KINDS",
    "ChainRuleParts",
    "JacobianParts",
    "LogSumExpSteps",
    "LossAndGrad",
    "Question",
    "QuizSetting",
    "SoftmaxTerms",
    "TrainResult",
    "binary_cross_entropy",
    "binary_cross_entropy_from_logit",
    "binary_cross_entropy_logit_grad",
    "chain_rule_parts",
    "chain_rule_terms",
    "check_answer",
    "cross_entropy",
    "cross_entropy_from_logits",
    "cross_entropy_grad",
    "decision_grid",
    "float_report",
    "gradient_check_model",
    "gradient_norm_vs_confidence",
    "log_softmax",
    "logits_grad",
    "logsumexp",
    "logsumexp_steps",
    "loss_surface",
    "make_blobs",
    "make_question",
    "model_loss_and_grad",
    "naive_log_softmax",
    "naive_softmax",
    "numerical_grad",
    "one_hot",
    "predict",
    "relative_error",
    "sigmoid",
    "softmax",
    "softmax_jacobian",
    "softmax_jacobian_parts",
    "softmax_terms",
    "squared_error",
    "squared_error_logits_grad",
    "train",
    "train_with_full_jacobian",
]
