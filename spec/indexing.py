"""Indexing: rows, columns and single elements, counted from 0."""

from __future__ import annotations

import numpy as np

from spec import Verdict, expect
from spec._claim import claim
from spec.seeds import GETTING_STARTED

_MATRIX = np.arange(12, dtype=np.float32).reshape(3, 4)


@claim(
    id="indexing.column.doc-says-x[:,1]-is-first-column",
    seed=GETTING_STARTED, lines=(75, 76),
    quote="# 打印x的第一列\nprint(x[:, 1])",
    statement="As written: x[:, 1] is the first column of x.",
    verdict=Verdict.REFUTED,
    paired_with="indexing.column.x[:,1]-is-second-column",
)
def doc_x_colon_1_is_first_column(t, device):
    """Indices count from 0, so the first column is x[:, 0]; x[:, 1] is the second."""
    x = t.tensor(_MATRIX.tolist(), device=device)
    expect.close("x[:, 1] (the document's 'first column')", x[:, 1], _MATRIX[:, 0])


@claim(
    id="indexing.column.x[:,1]-is-second-column",
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
    id="indexing.row.doc-says-x[1,:]-is-first-row",
    seed=GETTING_STARTED, lines=(77, 78),
    quote="# 打印x的第一行\nprint(x[1, :])",
    statement="As written: x[1, :] is the first row of x.",
    verdict=Verdict.REFUTED,
    paired_with="indexing.row.x[1,:]-is-second-row",
)
def doc_x_1_colon_is_first_row(t, device):
    """Indices count from 0, so the first row is x[0, :]; x[1, :] is the second."""
    x = t.tensor(_MATRIX.tolist(), device=device)
    expect.close("x[1, :] (the document's 'first row')", x[1, :], _MATRIX[0, :])


@claim(
    id="indexing.row.x[1,:]-is-second-row",
    seed=GETTING_STARTED, lines=(77, 78),
    quote="# 打印x的第一行\nprint(x[1, :])",
    statement="x[1, :] is the row at index 1, the second row; the first is x[0, :].",
    inputs={"matrix": "float32_matrix"},
)
def x_1_colon_is_second_row(t, device, matrix):
    x = t.tensor(matrix.tolist(), device=device)
    expect.close("x[1, :]", x[1, :], matrix[1, :])
    expect.close("x[0, :]", x[0, :], matrix[0, :])
