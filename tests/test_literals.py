"""Every Vietnamese cue, pattern and title lives in graph/data/*.yaml (issue 12): no string literal
of graph/ holds a Vietnamese-specific letter, outside docstrings and comments. The literals are
read with ``ast``, so f-string parts and implicitly joined strings count; comments are no tokens
of the tree, and docstrings are the first statement of a module, class or function."""
import ast
import unicodedata

from conftest import ROOT

VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ")
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}     # huyền, sắc, ngã, hỏi, nặng


def vietnamese(text: str) -> bool:
    for c in text:
        if c in VIETNAMESE:
            return True
        parts = unicodedata.normalize("NFD", c)
        if len(parts) > 1 and parts[0].isalpha() and TONE_MARKS & set(parts[1:]):
            return True
    return False


def literals(source: str):
    """(line, text) of every string literal that is not a docstring."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_the_check_sees_literals_and_f_string_parts_but_not_docstrings_or_comments():
    source = ('"""Tổng Bí thư."""\n'
              'def f(x):\n    """Thành ủy."""\n    # Hà Nội\n    return f"{x} của" + "plain"\n'
              'A = "tỉnh"\n')
    found = sorted(line for line, text in literals(source) if vietnamese(text))
    assert found == [5, 6]
    assert not vietnamese("T/M (\\d{1,2}) ngay") and vietnamese("ngày") and vietnamese("Đ")


def test_no_vietnamese_string_literal_in_graph():
    found = [f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}"
             for path in sorted((ROOT / "graph").rglob("*.py"))
             for line, text in literals(path.read_text(encoding="utf-8"))
             if vietnamese(text)]
    assert found == [], "move these into graph/data/*.yaml:\n" + "\n".join(found)
