"""Files for import tests: CSV rows, ZIP archives and MARC 21 records built with pymarc."""

import csv
import io
import zipfile

import pymarc
from django.core.files.uploadedfile import SimpleUploadedFile
from pymarc import Field, Subfield

from library.services.imports import COLUMNS
from tests.library.factories import TINY_PDF, TINY_WAV


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def csv_file(rows, columns=COLUMNS, name="catalog.csv"):
    """An uploaded CSV with `columns` and `rows` (dicts; missing cells empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def zip_file(members, name="files.zip"):
    """An uploaded ZIP with `members` ({path: bytes})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in members.items():
            archive.writestr(path, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def book_row(identifier, **cells):
    return {
        "identifier": identifier,
        "title_en": f"Book {identifier}",
        "title_zh_hans": f"书{identifier}",
        "creator": "Lu Xun",
        "kind": "ebook",
        "rights": "https://creativecommons.org/publicdomain/mark/1.0/",
        **cells,
    }


def marc_record(*, isbn="9787020002207", title="呐喊 /", parallel="Call to arms", subjects=("Short stories",)):
    record = pymarc.Record(force_utf8=True, leader="00000nam a2200000 a 4500")
    record.add_field(Field(tag="001", data="b1000"))
    record.add_field(Field(tag="008", data="230101s1923    cc            000 0 chi d"))
    if isbn:
        record.add_field(Field(tag="020", indicators=[" ", " "], subfields=[Subfield("a", f"{isbn} (pbk.)")]))
    record.add_field(
        Field(tag="100", indicators=["1", " "], subfields=[Subfield("a", "鲁迅,"), Subfield("d", "1881-1936")])
    )
    if title:
        record.add_field(
            Field(tag="245", indicators=["1", "0"], subfields=[Subfield("a", title), Subfield("c", "鲁迅")])
        )
    if parallel:
        record.add_field(Field(tag="246", indicators=["3", "1"], subfields=[Subfield("a", parallel)]))
    record.add_field(
        Field(
            tag="264",
            indicators=[" ", "1"],
            subfields=[Subfield("a", "北京 :"), Subfield("b", "北新书局,"), Subfield("c", "[1923]")],
        )
    )
    record.add_field(Field(tag="520", indicators=[" ", " "], subfields=[Subfield("a", "鲁迅的第一部短篇小说集。")]))
    for subject in subjects:
        record.add_field(Field(tag="650", indicators=[" ", "0"], subfields=[Subfield("a", f"{subject}.")]))
    record.add_field(Field(tag="700", indicators=["1", " "], subfields=[Subfield("a", "Yang, Xianyi,")]))
    record.add_field(Field(tag="856", indicators=["4", "0"], subfields=[Subfield("u", "https://example.org/nahan")]))
    record.add_field(
        Field(tag="540", indicators=[" ", " "], subfields=[Subfield("u", "http://rightsstatements.org/vocab/NKC/1.0/")])
    )
    return record


def marc_file(records, name="records.mrc"):
    return SimpleUploadedFile(name, b"".join(record.as_marc() for record in records))


def marcxml_file(records, name="records.xml"):
    buffer = io.BytesIO()
    writer = pymarc.XMLWriter(buffer)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/xml")


__all__ = [
    "PNG",
    "TINY_PDF",
    "TINY_WAV",
    "book_row",
    "csv_file",
    "marc_file",
    "marc_record",
    "marcxml_file",
    "zip_file",
]
