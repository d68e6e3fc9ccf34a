"""What a tensor is (dims, rows and columns) and how indexing reads and writes it, counted from 0."""

from __future__ import annotations

import numpy as np

from spec import Verdict, expect
from spec._claim import claim, untestable
from spec._interop import tensor_from
from spec.seeds import BASICS, GETTING_STARTED, NOTES

_MATRIX = np.arange(12, dtype=np.float32).reshape(3, 4)
ROW_OR_COLUMN = "查看Tensor的某行/某列"
NUMPY_LIKE = "在 PyTorch 中，张量的概念类似于 NumPy 中的数组"

untestable(
    id="indexing.tensor.core-data-structure",
    seed=BASICS, lines=(15, 15),
    quote="张量（Tensor）是 PyTorch 中的核心数据结构，用于存储和操作多维数组。",
    statement="The tensor is PyTorch's core data structure, for storing and operating on multi-dimensional arrays.",
    reason="'Core data structure' is a design statement; storing n-d arrays is checked by the dims claims.",
)
untestable(
    id="indexing.tensor.supports-accelerated-computation",
    seed=BASICS, lines=(17, 17),
    quote="张量可以视为一个多维数组，支持加速计算的操作。",
    statement="A tensor can be seen as a multi-dimensional array supporting accelerated computation.",
    reason="'Accelerated' is a performance claim with no baseline or threshold.",
)
untestable(
    id="indexing.tensor.suited-to-parallel-deep-learning",
    seed=BASICS, lines=(19, 19),
    quote="这使得它们非常适合于进行大规模并行计算，特别是在深度学习领域",
    statement="Running on devices makes tensors well suited to large-scale parallel computation.",
    reason="A judgement of suitability and speed; device placement itself is checked by creation.device.*.",
)
untestable(
    id="indexing.tensor.basic-data-structure-of-models",
    seed=NOTES, lines=(46, 46),
    quote="它是构建深度学习模型的基本数据结构",
    statement="The tensor is the basic data structure for building deep learning models.",
    reason="A design statement; that a tensor holds scalars, vectors and matrices is checked by "
    "indexing.dims.doc-examples-0d-to-3d.",
)


@claim(
    id="indexing.dims.nesting-depth-is-dim",
    seed=BASICS, lines=(21, 21),
    quote="一个标量（0维张量）是一个单独的数字，一个向量（1维张量）是一个一维数组，"
    "一个矩阵（2维张量）是一个二维数组，以此类推",
    statement="x.dim() is the nesting depth of the data: a single number gives a 0-d tensor (whose item() "
    "is that number), a list 1-d, a list of lists 2-d, and so on.",
    inputs={"array": "nested_list_array"},
)
def dim_is_nesting_depth(t, device, array):
    x = t.tensor(array.tolist(), device=device)
    expect.equal("x.dim()", x.dim(), array.ndim)
    expect.equal("len(x.shape)", len(x.shape), array.ndim)
    if array.ndim == 0:
        expect.equal("x.item() of a 0-d tensor", x.item(), array.item())


@claim(
    id="indexing.dims.doc-examples-0d-to-3d",
    seed=NOTES, lines=(51, 61),
    quote="scalar_tensor = torch.tensor(1)\n\n# 创建一个1维Tensor（向量）\nvector_tensor = torch.tensor([1, 2, 3])\n\n"
    "# 创建一个2维Tensor（矩阵）\nmatrix_tensor = torch.tensor([[1, 2], [3, 4]])\n\n# 创建一个3维Tensor（多维数组）\n"
    "multi_dimensional_tensor = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])",
    statement="The document's scalar, vector, matrix and 3-d tensors have 0, 1, 2 and 3 dims and shapes "
    "(), (3,), (2, 2), (2, 2, 2).",
)
def doc_tensors_have_0_to_3_dims(t, device):
    examples = {
        "scalar_tensor": (1, ()),
        "vector_tensor": ([1, 2, 3], (3,)),
        "matrix_tensor": ([[1, 2], [3, 4]], (2, 2)),
        "multi_dimensional_tensor": ([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], (2, 2, 2)),
    }
    for dims, (name, (data, shape)) in enumerate(examples.items()):
        x = t.tensor(data, device=device)
        expect.equal(f"{name}.dim()", x.dim(), dims)
        expect.equal(f"{name}.shape", tuple(x.shape), shape)
        expect.close(name, x, np.array(data))


@claim(
    id="indexing.shape.rows-then-columns",
    seed=BASICS, lines=(23, 23),
    quote="一个形状为(3, 4)的张量意味着它有3行4列",
    statement="A tensor of shape (r, c) has r rows of c elements: len(x) == r and each x[i] has shape (c,).",
    inputs={"matrix": "float32_matrix"},
)
def shape_is_rows_then_columns(t, device, matrix):
    x = tensor_from(t, matrix, device)
    rows, columns = matrix.shape
    expect.equal("len(x) (the number of rows)", len(x), rows)
    expect.equal("len(torch.zeros(3, 4))", len(t.zeros(3, 4, device=device)), 3)
    for i in range(rows):
        expect.close(f"x[{i}] (row {i})", x[i], matrix[i])
    expect.equal("x[0].shape (one row)", tuple(x[0].shape), (columns,))


@claim(
    id="indexing.column.doc-says-index-1-is-first-column",
    seed=GETTING_STARTED, lines=(75, 76),
    quote="# 打印x的第一列\nprint(x[:, 1])",
    statement="As written: x[:, 1] is the first column of x.",
    verdict=Verdict.REFUTED,
    paired_with="indexing.column.index-1-is-second-column",
)
def doc_x_colon_1_is_first_column(t, device):
    """Indices count from 0, so the first column is x[:, 0]; x[:, 1] is the second."""
    x = t.tensor(_MATRIX.tolist(), device=device)
    expect.close("x[:, 1] (the document's 'first column')", x[:, 1], _MATRIX[:, 0])


@claim(
    id="indexing.column.index-1-is-second-column",
    seed=GETTING_STARTED, lines=(75, 76),
    quote="# 打印x的第一列\nprint(x[:, 1])",
    statement="x[:, 1] is the column at index 1, the second column; the first is x[:, 0].",
    inputs={"matrix": "float32_matrix"},
)
def x_colon_1_is_second_column(t, device, matrix):
    x = t.tensor(matrix.tolist(), device=device)
    expect.close("x[:, 1]", x[:, 1], matrix[:, 1])
    expect.close("x[:, 0]", x[:, 0], matrix[:, 0])


@claim(
    id="indexing.row.doc-says-index-1-is-first-row",
    seed=GETTING_STARTED, lines=(77, 78),
    quote="# 打印x的第一行\nprint(x[1, :])",
    statement="As written: x[1, :] is the first row of x.",
    verdict=Verdict.REFUTED,
    paired_with="indexing.row.index-1-is-second-row",
)
def doc_x_1_colon_is_first_row(t, device):
    """Indices count from 0, so the first row is x[0, :]; x[1, :] is the second."""
    x = t.tensor(_MATRIX.tolist(), device=device)
    expect.close("x[1, :] (the document's 'first row')", x[1, :], _MATRIX[0, :])


@claim(
    id="indexing.row.index-1-is-second-row",
    seed=GETTING_STARTED, lines=(77, 78),
    quote="# 打印x的第一行\nprint(x[1, :])",
    statement="x[1, :] is the row at index 1, the second row; the first is x[0, :].",
    inputs={"matrix": "float32_matrix"},
)
def x_1_colon_is_second_row(t, device, matrix):
    x = t.tensor(matrix.tolist(), device=device)
    expect.close("x[1, :]", x[1, :], matrix[1, :])
    expect.close("x[0, :]", x[0, :], matrix[0, :])


@claim(
    id="indexing.basic.ints-and-slices-match-numpy",
    seed=GETTING_STARTED, lines=(73, 73),
    quote=ROW_OR_COLUMN,
    statement="x[index] for ints (negative ones from the end), slices with positive steps and ... "
    "has numpy's shape and values.",
    inputs={"case": "array_and_basic_index"},
)
def basic_index_matches_numpy(t, device, case):
    a, index = case
    x = tensor_from(t, a, device)
    expect.close(f"x[{index!r}] for x of shape {a.shape}", x[index], a[index])


@claim(
    id="indexing.basic.row-is-a-view",
    seed=GETTING_STARTED, lines=(73, 73),
    quote=ROW_OR_COLUMN,
    statement="A row or column read with x[i, :] or x[:, j] views x's memory: filling it changes x.",
    inputs={"matrix": "float32_matrix"},
)
def row_and_column_are_views(t, device, matrix):
    x = tensor_from(t, matrix, device)
    x[1, :].fill_(-1.0)
    x[:, 0].fill_(7.0)
    expected = matrix.copy()
    expected[1, :] = -1.0
    expected[:, 0] = 7.0
    expect.close("x after x[1, :].fill_(-1) and x[:, 0].fill_(7)", x, expected)


@claim(
    id="indexing.basic.out-of-range-raises",
    seed=GETTING_STARTED, lines=(73, 73),
    quote=ROW_OR_COLUMN,
    statement="A side of size n has indices 0..n-1 (and -n..-1 from the end): x[n] and x[:, n] raise IndexError.",
    inputs={"matrix": "float32_matrix"},
)
def out_of_range_index_raises(t, device, matrix):
    x = tensor_from(t, matrix, device)
    rows, columns = matrix.shape
    with expect.raises(f"x[{rows}] for {rows} rows", IndexError):
        x[rows]
    with expect.raises(f"x[:, {columns}] for {columns} columns", IndexError):
        x[:, columns]
    expect.close(f"x[-{rows}]", x[-rows], matrix[0])


@claim(
    id="indexing.mask.boolean-mask-selects-like-numpy",
    seed=BASICS, lines=(19, 19),
    quote=NUMPY_LIKE,
    statement="Like numpy, x > c is a bool tensor of x's shape and x[x > c] the 1-d tensor of the "
    "selected elements in row-major order.",
    inputs={"case": "array_and_threshold"},
)
def boolean_mask_selects_like_numpy(t, device, case):
    a, c = case
    x = tensor_from(t, a, device)
    mask = x > c
    expect.equal("(x > c).dtype", mask.dtype, t.bool)
    expect.close(f"x > {c}", mask, a > c)
    expect.close(f"x[x > {c}]", x[mask], a[a > c])


@claim(
    id="indexing.mask.masked-assignment-like-numpy",
    seed=BASICS, lines=(19, 19),
    quote=NUMPY_LIKE,
    statement="Like numpy, x[x > c] = v writes v into exactly the selected elements, in place.",
    inputs={"case": "array_and_threshold"},
)
def masked_assignment_like_numpy(t, device, case):
    a, c = case
    x = tensor_from(t, a, device)
    x[x > c] = 0.5
    expected = a.copy()
    expected[a > c] = 0.5
    expect.close(f"x after x[x > {c}] = 0.5", x, expected)
