"""The overview prose no backend can decide: popularity, history, advice, other projects.

Each statement is registered with the reason it is untestable, so that coverage
of the documents is counted honestly.  Where a sentence has a testable kernel,
the reason names the claim that checks it (in :mod:`spec.overview` and elsewhere).
"""

from __future__ import annotations

from spec._claim import untestable
from spec.seeds import BASICS, COMPARISON, FEATURES, GETTING_STARTED

ADVICE = "A judgement of convenience or suitability; no behaviour of a backend can confirm or refute it."
SOCIAL = "A statement about the project's community, history or adoption, not about the library's behaviour."


untestable(
    id="overview.features.open-source-framework",
    seed=FEATURES, lines=(5, 5),
    quote="PyTorch是一个开源的机器学习框架",
    statement="PyTorch is an open-source machine-learning framework.",
    reason="A licensing fact about the project, not a behaviour an API call can show.",
)

untestable(
    id="overview.features.dynamic-graph-suits-prototyping",
    seed=FEATURES, lines=(7, 7),
    quote="适合快速原型开发和调试，代码更直观灵活",
    statement="The dynamic graph suits rapid prototyping and debugging; code is more intuitive and flexible.",
    reason=ADVICE,
)

untestable(
    id="overview.features.easy-to-use",
    seed=FEATURES, lines=(9, 9),
    quote="语法简洁，易于上手，适合开发者快速实现模型",
    statement="The syntax is concise and easy to learn, so models are quick to implement.",
    reason=ADVICE,
)

untestable(
    id="overview.features.suits-large-scale-training",
    seed=FEATURES, lines=(11, 11),
    quote="适合大规模深度学习任务",
    statement="Efficient GPU computation suits large-scale deep-learning tasks.",
    reason="A performance judgement; speed depends on hardware and is no part of the semantics checked here.",
)

untestable(
    id="overview.features.suits-nlp-and-vision",
    seed=FEATURES, lines=(13, 13),
    quote="适合复杂模型或非标准任务，如NLP和计算机视觉",
    statement="The flexibility suits complex models and non-standard tasks such as NLP and computer vision.",
    reason=ADVICE,
)

untestable(
    id="overview.features.ecosystem-libraries",
    seed=FEATURES, lines=(15, 15),
    quote="提供TorchVision、TorchText等工具库，支持数据加载、预处理和模型部署",
    statement="Libraries such as TorchVision and TorchText support data loading, preprocessing and deployment.",
    reason="TorchVision and TorchText are separate packages, outside the namespace a backend provides "
    "(TorchText's development also stopped with 0.18 in 2024).",
)

untestable(
    id="overview.features.onnx-export",
    seed=FEATURES, lines=(15, 15),
    quote="与ONNX兼容，便于模型导出",
    statement="PyTorch is compatible with ONNX, which makes exporting models easy.",
    reason="torch.onnx.export needs the onnx (and onnxscript) packages, which are not dependencies of this "
    "suite; ONNX compatibility is a property of the exporter, not of tensor or module semantics.",
)

untestable(
    id="overview.features.active-community",
    seed=FEATURES, lines=(17, 17),
    quote="拥有活跃的社区和丰富的教程资源，更新频繁，广泛应用于学术研究和工业部署",
    statement="PyTorch has an active community, many tutorials, frequent updates and wide use.",
    reason=SOCIAL,
)

for _line, _id, _quote, _what in (
    (61, "extension-module", "torchvision\u00a0是用于计算机视觉任务的扩展模块", "an extension for computer vision"),
    (63, "datasets", "像MNIST、CIFAR - 10、ImageNet等", "provides MNIST, CIFAR-10, ImageNet datasets"),
    (64, "pretrained-models", "预训练好的模型，如AlexNet、VGG、ResNet等", "provides pretrained AlexNet, VGG, ResNet"),
    (65, "transforms", "调整图像大小\u00a0torchvision.transforms.Resize", "provides Resize, Normalize, augmentation"),
):
    untestable(
        id=f"overview.torchvision.{_id}",
        seed=FEATURES, lines=(_line, _line),
        quote=_quote,
        statement=f"torchvision {_what}.",
        reason="torchvision is a separate package, not part of the torch namespace a backend provides; "
        "its datasets and weights are downloads this suite does not make.",
    )

untestable(
    id="overview.basics.popular-for-flexibility",
    seed=BASICS, lines=(4, 4),
    quote="以其灵活性和动态计算图而广受欢迎",
    statement="PyTorch is an open-source deep-learning framework, popular for its flexibility and dynamic graph.",
    reason=SOCIAL + " The dynamic graph is checked by overview.features.dynamic-graph-follows-control-flow.",
)

untestable(
    id="overview.autograd.definition",
    seed=BASICS, lines=(116, 116),
    quote="它允许计算机自动计算数学函数的导数",
    statement="Autograd is a core feature of deep-learning frameworks that computes derivatives automatically.",
    reason="A definition of the concept; autograd's behaviour is checked by the autograd.* claims.",
)

untestable(
    id="overview.autograd.two-uses",
    seed=BASICS, lines=(118, 118),
    quote="一是在训练神经网络时计算梯度，二是进行反向传播算法的实现",
    statement="In deep learning autograd serves to compute gradients in training and to implement backpropagation.",
    reason="Describes what autograd is used for; the gradients themselves are checked by autograd.* and training.*.",
)

untestable(
    id="overview.autograd.dynamic-graph-eases-debugging",
    seed=BASICS, lines=(124, 124),
    quote="这使得调试和修改模型变得更加容易",
    statement="The dynamic graph makes debugging and modifying models easier.",
    reason=ADVICE,
)

untestable(
    id="overview.autograd.static-graph-of-tensorflow",
    seed=BASICS, lines=(126, 126),
    quote="TensorFlow最初使用的是静态图，但后来也支持动态图。",
    statement="A static graph is built before running and never changes; TensorFlow used one, later also dynamic.",
    reason="A statement about TensorFlow and static graphs in general, not about PyTorch.",
)

untestable(
    id="overview.comparison.origin-and-abstraction",
    seed=COMPARISON, lines=(3, 3),
    quote="由Facebook的人工智能研究小组开发",
    statement="PyTorch, a framework like TensorFlow, was developed by Facebook's AI research group and, like "
    "Keras, abstracts away messy parts of deep-network programming.",
    reason=SOCIAL,
)

untestable(
    id="overview.comparison.between-keras-and-tensorflow",
    seed=COMPARISON, lines=(5, 5),
    quote="Pytorch介于Keras和TensorFlow之间。比起Keras具有更大的灵活性和控制能力",
    statement="In code style PyTorch sits between Keras and TensorFlow, with more flexibility and control than Keras.",
    reason="A comparison of programming styles across frameworks; no behaviour of one backend decides it.",
)

untestable(
    id="overview.comparison.suits-research",
    seed=COMPARISON, lines=(10, 10),
    quote="非常适合实验和研究",
    statement="The dynamic graph suits experiments and research.",
    reason=ADVICE,
)

untestable(
    id="overview.comparison.documentation-and-community",
    seed=COMPARISON, lines=(11, 11),
    quote="PyTorch拥有丰富的文档和社区资源",
    statement="PyTorch has rich documentation and community resources.",
    reason=SOCIAL,
)

untestable(
    id="overview.comparison.gpu-speeds-up-training",
    seed=COMPARISON, lines=(12, 12),
    quote="支持GPU加速，提升模型训练速度。",
    statement="GPU acceleration speeds up training.",
    reason="Speed depends on hardware; the CUDA interface is checked by overview.features.cuda-interface "
    "and placement by devices.*.",
)

untestable(
    id="overview.comparison.application-scenarios",
    seed=COMPARISON, lines=(18, 20),
    quote="研究环境中，尤其是需要反复修改模型结构的实验场景。",
    statement="PyTorch is used in research that modifies models often, and in computer vision and NLP.",
    reason=ADVICE,
)

untestable(
    id="overview.intro.history",
    seed=GETTING_STARTED, lines=(3, 3),
    quote="它由Facebook的人工智能研究团队开发，并于2016年首次发布。",
    statement="PyTorch is an open-source framework for building, training and deploying networks, developed "
    "by Facebook's AI research team and first released in 2016.",
    reason=SOCIAL,
)


untestable(
    id="overview.intro.other-frameworks",
    seed=GETTING_STARTED, lines=(5, 7),
    quote="TensorFlow是一个由Google开发的开源深度学习框架",
    statement="Other popular frameworks: TensorFlow (Google, static graphs, distributed training) and Keras "
    "(a high-level front end to TensorFlow, Theano or CNTK).",
    reason="Statements about other frameworks, not about PyTorch.",
)
untestable(
    id="overview.intro.dynamic-graph-more-flexible-than-static",
    seed=GETTING_STARTED, lines=(10, 10),
    quote="相比于静态图计算的框架（如TensorFlow），更加灵活和直观。",
    statement="PyTorch's dynamic graphs are more flexible and intuitive than static-graph frameworks.",
    reason=ADVICE + " The dynamic graph is checked by overview.features.dynamic-graph-follows-control-flow.",
)
untestable(
    id="overview.intro.wide-adoption",
    seed=GETTING_STARTED, lines=(12, 12),
    quote="Pytorch在学术界和工业界都有广泛的应用",
    statement="PyTorch is widely used in academia and industry.",
    reason=SOCIAL,
)
untestable(
    id="overview.intro.recommended-tutorials",
    seed=GETTING_STARTED, lines=(14, 26),
    quote="## 2.1 Pytorch入门推荐教程",
    statement="Recommended material: the official documentation, Li Mu's d2l book and videos, a Bilibili "
    "course and an NLP model series.",
    reason="Links to external learning material; they state nothing about the library's behaviour.",
)
untestable(
    id="overview.intro.transformers-heading",
    seed=GETTING_STARTED, lines=(149, 149),
    quote="### Transformers",
    statement="A 'Transformers' heading under data loading (presumably torchvision transforms), with no text.",
    reason="An empty heading makes no statement; torchvision's transforms are a separate package.",
)
untestable(
    id="overview.intro.tensorboard-heading",
    seed=GETTING_STARTED, lines=(151, 151),
    quote="## 3.3 加载TensorBoard（可选）",
    statement="Loading TensorBoard is optional (a heading with no text).",
    reason="An empty heading; torch.utils.tensorboard needs the separate tensorboard package.",
)
untestable(
    id="overview.intro.transformer-heading",
    seed=GETTING_STARTED, lines=(175, 175),
    quote="### Transformer",
    statement="A 'Transformer' heading under nn.Module, with no text.",
    reason="An empty heading makes no statement; that nn.Transformer exists is checked by "
    "overview.nn-catalogue.layer-categories.",
)
