"""Data loading: Dataset, TensorDataset, DataLoader (batching, shuffling, collation), random_split."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from spec import expect, stats
from spec._claim import Verdict, claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS, COMPARISON, FEATURES, GETTING_STARTED

LOADER_QUOTE = "torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True)"
DATASET_QUOTE = "自定义数据集需要继承\u00a0torch.utils.data.Dataset\u00a0类，并重写\u00a0__len__和__getitem__方法"
TABLE_ROW = '<td align="center">用于数据加载，支持批量处理、随机打乱、自定义样本处理等。</td>'


def recording_dataset(t: Any, n: int, device: str, base: Any = None) -> Any:
    """A map-style dataset of n samples [i, i*i] that records the indices it is asked for."""

    class Squares(base or t.utils.data.Dataset):  # type: ignore[misc]  # the backend's own base
        def __init__(self) -> None:
            self.requested: list[int] = []

        def __len__(self) -> int:
            return n

        def __getitem__(self, i: int) -> Any:
            self.requested.append(int(i))
            return t.tensor([float(i), float(i * i)], device=device)

    return Squares()


def indices_per_epoch(loader: Any) -> list[list[int]]:
    """The sample indices of each batch of one pass over a loader of TensorDataset(arange(n))."""
    return [expect.numpy_of(batch[0]).tolist() for batch in loader]


def arange_loader(t: Any, device: str, n: int, **kwargs: Any) -> Any:
    data = t.utils.data
    return data.DataLoader(data.TensorDataset(t.arange(n, device=device)), **kwargs)


@claim(
    id="data.utils-data.provides-loading-tools",
    seed=FEATURES, lines=(51, 52),
    quote="torch.utils.data\u00a0模块提供了数据加载和处理的工具，方便在训练和测试时加载数据",
    statement="torch.utils.data provides Dataset, TensorDataset, Subset, DataLoader and random_split; "
    "a DataLoader over a TensorDataset gives the data back.",
)
def utils_data_provides_loading_tools(t, device):
    for name in ("Dataset", "TensorDataset", "Subset", "DataLoader", "random_split"):
        expect.true(f"torch.utils.data.{name} to exist", hasattr(t.utils.data, name))
    x = t.arange(6.0, device=device).reshape(3, 2)
    (batch,) = list(t.utils.data.DataLoader(t.utils.data.TensorDataset(x), batch_size=3))
    expect.close("the one batch of DataLoader(TensorDataset(x), batch_size=3)", batch[0], expect.numpy_of(x))


@claim(
    id="data.dataset.len-and-getitem",
    seed=FEATURES, lines=(54, 54),
    quote=DATASET_QUOTE + "，分别返回数据集大小和根据索引获取数据样本",
    statement="A Dataset subclass defines __len__ (its size) and __getitem__ (the sample at an index); "
    "DataLoader(shuffle=False) asks for indices 0..len-1 in order and has ceil(len/batch_size) batches.",
    inputs={"config": "data_loader_config"},
)
def dataset_len_and_getitem_drive_the_loader(t, device, config):
    n, size = config["n"], config["batch_size"]
    dataset = recording_dataset(t, n, device)
    expect.equal("len(dataset)", len(dataset), n)
    loader = t.utils.data.DataLoader(dataset, batch_size=size, shuffle=False)
    batches = [expect.numpy_of(b) for b in loader]
    expect.equal("len(DataLoader(dataset, batch_size))", len(loader), math.ceil(n / size))
    expect.equal("indices passed to __getitem__", dataset.requested, list(range(n)))
    rows = np.concatenate(batches) if batches else np.zeros((0, 2), np.float32)
    expected = np.array([[i, i * i] for i in range(n)], np.float32).reshape(n, 2)
    expect.close("the loaded samples, in order", rows, expected)


@claim(
    id="data.dataset.must-subclass-dataset",
    seed=FEATURES, lines=(54, 54),
    quote=DATASET_QUOTE,
    statement="As written: a custom dataset must inherit torch.utils.data.Dataset, so DataLoader rejects "
    "a dataset class that does not.",
    verdict=Verdict.PARTLY,
    paired_with="data.dataloader.accepts-any-map-style-dataset",
)
def dataloader_rejects_dataset_not_subclassing_dataset(t, device):
    """Subclassing is the documented convention, not a requirement: DataLoader duck-types
    __len__ and __getitem__, so a plain class (or a list) loads fine."""
    plain = recording_dataset(t, 4, device, base=object)
    with expect.raises("DataLoader over a dataset class that does not inherit Dataset"):
        list(t.utils.data.DataLoader(plain, batch_size=2))


@claim(
    id="data.dataloader.accepts-any-map-style-dataset",
    seed=FEATURES, lines=(54, 54),
    quote=DATASET_QUOTE,
    statement="DataLoader loads any object with __len__ and __getitem__, whether or not it inherits Dataset; "
    "a plain list of tensors works too.",
    inputs={"config": "data_loader_config"},
)
def dataloader_accepts_any_map_style_dataset(t, device, config):
    n, size = config["n"], config["batch_size"]
    plain = recording_dataset(t, n, device, base=object)
    batches = list(t.utils.data.DataLoader(plain, batch_size=size))
    expect.equal("indices a DataLoader asks a plain class for", plain.requested, list(range(n)))
    expect.equal("the batch count", len(batches), math.ceil(n / size))
    listed = [t.tensor([float(i)], device=device) for i in range(n)]
    rows = [expect.numpy_of(b).ravel().tolist() for b in t.utils.data.DataLoader(listed, batch_size=size)]
    expect.equal("DataLoader(list of tensors) values", sum(rows, []), [float(i) for i in range(n)])


@claim(
    id="data.dataloader.batch-sizes",
    seed=FEATURES, lines=(55, 55),
    quote=LOADER_QUOTE + "\u00a0，可以将\u00a0Dataset\u00a0对象包装起来，按批次加载数据",
    statement="DataLoader(dataset, batch_size) yields batches of batch_size samples; the last one is smaller "
    "unless drop_last=True, which drops it.",
    inputs={"config": "data_loader_config"},
)
def dataloader_yields_batches_of_batch_size(t, device, config):
    n, size, drop = config["n"], config["batch_size"], config["drop_last"]
    loader = arange_loader(t, device, n, batch_size=size, drop_last=drop)
    sizes = [len(b) for b in indices_per_epoch(loader)]
    full, rest = divmod(n, size)
    expected = [size] * full + ([rest] if rest and not drop else [])
    expect.equal(f"batch sizes of {n} samples, batch_size={size}, drop_last={drop}", sizes, expected)
    expect.equal("len(loader)", len(loader), len(expected))


@claim(
    id="data.dataloader.shuffled-epoch-is-a-permutation",
    seed=FEATURES, lines=(55, 55),
    quote="还可以设置是否打乱数据等参数",
    statement="With shuffle=True every epoch yields each sample exactly once (a permutation), in batches of "
    "the same sizes as without shuffling.",
    inputs={"config": "data_loader_config"},
)
def shuffled_epoch_is_a_permutation(t, device, config):
    n, size = max(config["n"], 1), config["batch_size"]
    loader = arange_loader(t, device, n, batch_size=size, shuffle=True)
    for epoch in range(2):
        batches = indices_per_epoch(loader)
        expect.equal(f"sorted indices of shuffled epoch {epoch}", sorted(sum(batches, [])), list(range(n)))
        expect.equal("shuffled batch sizes", [len(b) for b in batches],
                     [len(b) for b in indices_per_epoch(arange_loader(t, device, n, batch_size=size))])


@claim(
    id="data.dataloader.shuffle-is-uniform",
    seed=COMPARISON, lines=(14, 14),
    quote=TABLE_ROW,
    statement="DataLoader's random shuffling (shuffle=True) reshuffles every epoch: the first sample of an "
    "epoch is uniform over the dataset.",
)
def shuffle_is_uniform_every_epoch(t, device, seed):
    """First index of 1000 epochs of 4 samples; DKW bound on its CDF (valid for discrete laws too).

    Statistical: one test, false-positive rate 1e-6.  Catches loaders that never shuffle or shuffle once.
    """
    t.manual_seed(seed)
    n, epochs = 4, 1000
    loader = arange_loader(t, device, n, batch_size=n, shuffle=True)
    firsts = np.array([indices_per_epoch(loader)[0][0] for _ in range(epochs)])
    distance = max(abs((firsts <= k).mean() - (k + 1) / n) for k in range(n))
    bound = stats.dkw_epsilon(epochs)
    expect.true("the first shuffled index to be uniform", distance <= bound,
                f"CDF distance {distance:.3f} > {bound:.3f}; counts {np.bincount(firsts, minlength=n)}")


@claim(
    id="data.dataloader.seeded-generator-reproduces-the-order",
    seed=FEATURES, lines=(55, 55),
    quote="还可以设置是否打乱数据等参数",
    statement="Two shuffling DataLoaders given generators seeded alike yield the same order, whatever the "
    "global RNG does in between.",
    inputs={"config": "data_loader_config", "generator_seed": "data_generator_seed"},
)
def seeded_generator_reproduces_the_order(t, device, config, generator_seed):
    n, size = max(config["n"], 1), config["batch_size"]
    orders = []
    for _ in range(2):
        generator = t.Generator().manual_seed(generator_seed)
        orders.append(indices_per_epoch(arange_loader(t, device, n, batch_size=size, shuffle=True,
                                                      generator=generator)))
        t.rand(3)  # move the global RNG on: the order must not depend on it
    expect.equal("the order of the second seeded loader", orders[1], orders[0])


@claim(
    id="data.dataloader.default-collate",
    seed=COMPARISON, lines=(14, 14),
    quote="支持批量处理",
    statement="Default collation stacks tensors, turns ints into int64 and floats into float64 tensors, "
    "keeps strings as a list, turns tuples into lists and dicts into dicts of batches.",
    inputs={"config": "data_loader_config"},
)
def default_collate_batches_each_field(t, device, config):
    n, size = max(config["n"], 1), config["batch_size"]
    samples = [{"x": t.tensor([i, -i], device=device), "pair": (i, i / 2), "name": f"s{i}"} for i in range(n)]
    batch = next(iter(t.utils.data.DataLoader(samples, batch_size=size)))
    k = min(size, n)
    expect.equal("sorted(batch.keys())", sorted(batch), ["name", "pair", "x"])
    expect.close("batch['x'] (stacked)", batch["x"], np.array([[i, -i] for i in range(k)], np.int64), check_dtype=True)
    expect.equal("type(batch['pair'])", type(batch["pair"]), list)
    expect.close("batch['pair'][0] (ints)", batch["pair"][0], np.arange(k, dtype=np.int64), check_dtype=True)
    expect.close("batch['pair'][1] (floats)", batch["pair"][1], np.arange(k) / 2, check_dtype=True)
    expect.equal("batch['name']", batch["name"], [f"s{i}" for i in range(k)])


@claim(
    id="data.dataloader.collate-fn-processes-samples",
    seed=COMPARISON, lines=(14, 14),
    quote="自定义样本处理",
    statement="A custom collate_fn receives the list of a batch's samples and its return value is the batch.",
    inputs={"config": "data_loader_config"},
)
def collate_fn_processes_samples(t, device, config):
    n, size = config["n"], config["batch_size"]
    seen = []

    def collate(samples):
        seen.append(list(samples))
        return ("custom", len(samples))

    batches = list(t.utils.data.DataLoader(list(range(n)), batch_size=size, collate_fn=collate))
    expect.equal("the samples collate_fn received", seen, [list(range(i, min(i + size, n))) for i in range(0, n, size)])
    expect.equal("the batches", batches, [("custom", len(s)) for s in seen])


@claim(
    id="data.dataloader.batch-is-a-list-of-inputs-and-labels",
    seed=COMPARISON, lines=(41, 43),
    quote="for i, data in enumerate(trainloader, 0):\n        # 获取输入; data是列表[inputs, labels]",
    statement="Over a TensorDataset(inputs, labels), enumerate(trainloader, 0) yields (0, data), (1, data)... "
    "where data is the list [inputs, labels] of the batch.",
    inputs={"samples": "data_samples", "config": "data_loader_config"},
)
def batch_is_a_list_of_inputs_and_labels(t, device, samples, config):
    size = config["batch_size"]
    labels = np.arange(len(samples)) % 3
    dataset = t.utils.data.TensorDataset(tensor_from(t, samples, device), tensor_from(t, labels, device))
    trainloader = t.utils.data.DataLoader(dataset, batch_size=size)
    for i, data in enumerate(trainloader, 0):
        expect.equal("type(data)", type(data), list)
        inputs, labels_batch = data
        expect.close(f"inputs of batch {i}", inputs, samples[i * size:(i + 1) * size])
        expect.close(f"labels of batch {i}", labels_batch, labels[i * size:(i + 1) * size], check_dtype=True)
    expect.equal("the number of enumerated batches", i + 1, math.ceil(len(samples) / size))


@claim(
    id="data.dataloader.loops-over-the-dataset-many-times",
    seed=COMPARISON, lines=(39, 40),
    quote="# 在数据集上循环多次\nfor epoch in range(2):",
    statement="A DataLoader can be iterated again and again: each `for` over it is a new epoch over the "
    "whole dataset.",
    inputs={"config": "data_loader_config"},
)
def dataloader_loops_over_the_dataset_many_times(t, device, config):
    n, size = config["n"], config["batch_size"]
    loader = arange_loader(t, device, n, batch_size=size)
    for epoch in range(3):
        expect.equal(f"indices seen in epoch {epoch}", sum(indices_per_epoch(loader), []), list(range(n)))


@claim(
    id="data.tensor-dataset.sample-and-label",
    seed=GETTING_STARTED, lines=(143, 144),
    quote="提供一种方式获取数据及其对应的label值",
    statement="A Dataset gives each sample with its label: TensorDataset(x, y)[i] is (x[i], y[i]), "
    "len is x's first side, and tensors of different first sides are rejected.",
    inputs={"samples": "data_samples"},
)
def tensor_dataset_gives_sample_and_label(t, device, samples):
    labels = np.arange(len(samples)) * 10
    x, y = tensor_from(t, samples, device), tensor_from(t, labels, device)
    dataset = t.utils.data.TensorDataset(x, y)
    expect.equal("len(TensorDataset(x, y))", len(dataset), len(samples))
    for i in range(len(samples)):
        sample, label = dataset[i]
        expect.close(f"dataset[{i}][0]", sample, samples[i])
        expect.close(f"dataset[{i}][1]", label, labels[i])
    with expect.raises("TensorDataset(x, y[:-1]) with different first sides"):
        t.utils.data.TensorDataset(x, t.zeros(len(samples) + 1, device=device))


@claim(
    id="data.dataloader.packs-samples-into-batches",
    seed=GETTING_STARTED, lines=(146, 147),
    quote="对于数据进行打包压缩，为后面的网络提供不同的数据形式。",
    statement="DataLoader packs samples into batches: a batch is the samples stacked along a new first "
    "dimension (shape (batch, *sample_shape), same dtype); nothing is compressed.",
    inputs={"samples": "data_samples", "config": "data_loader_config"},
)
def dataloader_packs_samples_into_batches(t, device, samples, config):
    """"打包压缩" (pack and compress) overstates it: batching stacks samples, values unchanged."""
    size = config["batch_size"]
    dataset = [tensor_from(t, s, device) for s in samples]
    for i, batch in enumerate(t.utils.data.DataLoader(dataset, batch_size=size)):
        chunk = samples[i * size:(i + 1) * size]
        expect.equal(f"batch {i}.shape", tuple(batch.shape), chunk.shape)
        expect.close(f"batch {i}", batch, chunk, check_dtype=True)


@claim(
    id="data.random-split.train-validation-test",
    seed=BASICS, lines=(295, 295),
    quote="将数据分为训练集、验证集和测试集。",
    statement="random_split(dataset, [train, val, test], generator) splits a dataset into disjoint subsets "
    "of those sizes that together hold every sample; a seeded generator reproduces the split.",
    inputs={"lengths": "data_split_lengths", "generator_seed": "data_generator_seed"},
)
def random_split_makes_train_validation_and_test_sets(t, device, lengths, generator_seed):
    dataset = t.utils.data.TensorDataset(t.arange(sum(lengths), device=device))
    splits = [[[int(s[0]) for s in part] for part in t.utils.data.random_split(
        dataset, lengths, generator=t.Generator().manual_seed(generator_seed))] for _ in range(2)]
    expect.equal("the sizes of the splits", [len(p) for p in splits[0]], lengths)
    expect.equal("the samples of all splits, sorted", sorted(sum(splits[0], [])), list(range(sum(lengths))))
    expect.equal("a second split with the same seed", splits[1], splits[0])


untestable(
    id="data.preparation.clean-and-normalise",
    seed=BASICS, lines=(294, 294),
    quote="收集和处理数据，包括清洗、标准化和归一化。",
    statement="Data preparation collects and processes data: cleaning, standardisation, normalisation.",
    reason="A workflow step done by the user's own code; it names no PyTorch API whose behaviour could be checked.",
)
