"""Importing the catalog: CSV with Dublin Core columns, and MARC 21 records (binary .mrc or MARCXML).

Every record becomes the same set of columns (`COLUMNS`, what the CSV template holds) and is imported
by one function, `import_values()`, through `catalog.save_resource()`: files are checked by content and
size as in the admin, and the search index is written with the row. Rules:

- Idempotent by identifier: a record whose identifier exists updates that resource, else one is
  created. A record without an identifier is refused, since importing the file again would add it twice.
  An identifier held by another organizer's resource is refused: an import never touches their catalog.
- Each record in its own savepoint: a refused record (missing title, a bad access value, an unknown
  rights URI, a file of the wrong content or too large, …) is reported with its row number and the
  reason, nothing of it is written (files it stored are deleted), and the rest imports.
- Files come from an uploaded ZIP (the `file` column names a member), or from a folder on the server
  only where a person with shell access chose it: the management command's `--files`, or the
  LIBRARY_IMPORT_ROOT setting. A path in an uploaded file never reaches outside that folder.

A job runs an import (`run_import`, the runner of the job kind "library.import", see portal.jobs):
from the admin on a worker, from `manage.py import_library` in process.
"""

import csv
import hashlib
import io
import re
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from xml.sax import SAXException

import pymarc
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal import jobs
from portal.categories import Category
from portal.rights import RightsStatement

from ..errors import LibraryError
from ..models import Collection, Resource, ResourceImage, Subject
from . import catalog, files

KIND = "library.import"  # the job kind (LibraryConfig.job_runners)
CSV, MARC, MARCXML = "csv", "marc", "marcxml"

COLUMNS = [
    "identifier",
    "title_zh_hans",
    "title_en",
    "description_zh_hans",
    "description_en",
    "creator",
    "contributor",
    "publisher",
    "date",
    "subject",
    "collection",
    "kind",
    "format",
    "language",
    "source",
    "relation",
    "coverage",
    "rights",
    "credit_line",
    "access",
    "licences",
    "category",
    "file",
]
EXAMPLE = [
    "978-7-02-000220-7",
    "呐喊",
    "Call to Arms",
    "鲁迅的第一部短篇小说集。",
    "Lu Xun's first collection of short stories.",
    "鲁迅",
    "",
    "北新书局",
    "1923",
    "fiction; chinese-literature",
    "",
    "ebook",
    "",
    "zh",
    "",
    "",
    "",
    str(RightsStatement.PUBLIC_DOMAIN.value),
    "",
    "open",
    "1",
    "reading",
    "books/call-to-arms.pdf",
]
ALIASES = {
    "type": "kind",
    "dc:type": "kind",
    "licenses": "licences",
    "rights_statement": "rights",
    "subjects": "subject",
    "collections": "collection",
    "files": "file",
}
# Columns a record may give without saying the language: the text's script decides.
UNSPECIFIED_LANGUAGE = {"title", "description"}
TEXT_FIELDS = ["creator", "contributor", "publisher", "date", "language", "source", "relation", "coverage"]
BILINGUAL_FIELDS = ["title_zh_hans", "title_en", "description_zh_hans", "description_en"]
KINDS_BY_NAME = {
    **{kind.value: kind.value for kind in Resource.Kind},
    "e-book": Resource.Kind.EBOOK,
    "book": Resource.Kind.EBOOK,
    "text": Resource.Kind.EBOOK,
    "sound": Resource.Kind.AUDIO,
    "movingimage": Resource.Kind.VIDEO,
    "image": Resource.Kind.IMAGES,
    "stillimage": Resource.Kind.IMAGES,
}
LIST_SEPARATOR = ";"
CHUNK = 1024 * 1024


# --- the input files ---------------------------------------------------------------------------------


def check_metadata_file(file):
    """The format of an uploaded metadata file, read from its content: CSV, MARC or MARCXML.

    Refuses a file above LIBRARY_MAX_FILE_MB and one that is none of the three.
    """
    files.check_size(file)
    file.seek(0)
    head = file.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    file.seek(0)
    if head.startswith(b"<"):
        return MARCXML
    if len(head) >= 24 and head[:5].isdigit() and head[20:24] == b"4500":
        return MARC
    if head and b"\x00" not in head:
        return CSV
    raise LibraryError(_("This is not a CSV, MARC 21 (.mrc) or MARCXML file."), "bad_import")


def check_files_archive(file):
    """Refuses an uploaded archive of files that is too large or not a ZIP."""
    files.check_size(file)
    file.seek(0)
    is_zip = zipfile.is_zipfile(file)
    file.seek(0)
    if not is_zip:
        raise LibraryError(_("The files must come as one ZIP archive."), "bad_import")


def read_records(file, format):
    """The records of `file`: a list of (row number, values or None, problem) and a note about the file.

    `values` has the keys of COLUMNS a record gives; a record that cannot be read has `problem` instead.
    Refuses (LibraryError) a file that cannot be read at all.
    """
    if format == MARC:
        return _read_marc(file), ""
    if format == MARCXML:
        return _read_marcxml(file), ""
    return _read_csv(file)


def _read_csv(file):
    raw = file.read()
    for encoding in ("utf-8-sig", "gb18030"):  # spreadsheet programs in China often save GB18030
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LibraryError(_("The CSV file is neither UTF-8 nor GB18030 text."), "bad_import")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise LibraryError(
            _("The CSV file is empty: it needs a header row (see the template)."), "bad_import"
        ) from None
    columns = [ALIASES.get(name.strip().lower(), name.strip().lower()) for name in header]
    known = set(COLUMNS) | UNSPECIFIED_LANGUAGE
    if "identifier" not in columns or not ({"title", "title_zh_hans", "title_en"} & set(columns)):
        raise LibraryError(
            _("The CSV file needs at least the columns identifier and title_zh_hans or title_en (see the template)."),
            "bad_import",
        )
    unknown = [name for name in columns if name and name not in known]
    note = (
        _("These columns are not ones the import knows and were ignored: %(columns)s.")
        % {"columns": ", ".join(unknown)}
        if unknown
        else ""
    )
    records = []
    row = 1
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            records.append((row, None, _("This row cannot be read as CSV: %(error)s") % {"error": exc}))
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank line is nothing to report
        if len(cells) > len(columns):
            records.append((row, None, _("This row has more cells than the header has columns.")))
            continue
        values = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name in known}
        records.append((row, values, ""))
    return records, note


def _read_marc(file):
    reader = pymarc.MARCReader(file, to_unicode=True, utf8_handling="replace", permissive=True)
    records = []
    for number, record in enumerate(reader, start=1):
        if record is None:
            problem = _("This record cannot be read as MARC 21: %(error)s") % {"error": reader.current_exception}
            records.append((number, None, problem))
        else:
            records.append((number, marc_values(record), ""))
    return records


def _read_marcxml(file):
    try:
        parsed = pymarc.parse_xml_to_array(file, strict=False)
    except (SAXException, ValueError) as exc:
        raise LibraryError(_("The file is not well-formed MARCXML: %(error)s") % {"error": exc}, "bad_import") from exc
    return [(number, marc_values(record), "") for number, record in enumerate(parsed, start=1)]


# --- MARC 21 to the import's columns -------------------------------------------------------------------

MARC_LANGUAGES = {"chi": "zh", "zho": "zh", "eng": "en", "jpn": "ja", "kor": "ko", "fre": "fr", "fra": "fr"}
MARC_LANGUAGES |= {"ger": "de", "deu": "de", "rus": "ru", "spa": "es", "tib": "bo", "bod": "bo", "mon": "mn"}
MARC_LANGUAGES |= {"uig": "ug", "ara": "ar", "ita": "it", "por": "pt", "vie": "vi", "tha": "th"}
MARC_KINDS = {"i": Resource.Kind.AUDIO, "j": Resource.Kind.AUDIO, "g": Resource.Kind.VIDEO, "k": Resource.Kind.IMAGES}


def marc_values(record):
    """One MARC 21 bibliographic record as the import's columns.

    245 title (246 with second indicator 1, a parallel title, for the other language), 100/110/111
    creator, 700/710 contributors, 264 (publication) or 260 publisher and date, 020 ISBN (else 022
    ISSN, else 001 with 003) identifier, 650 subjects, 520 description, 041 or 008/35-37 language,
    856 link relation, 540/506 rights URI; the leader's type and level give the kind.
    """
    values = {}
    identifier = _isbn(record) or _subfield(record, "022", "a") or _control_number(record)
    if identifier:
        values["identifier"] = identifier
    title = _title(record)
    if title:
        values["title"] = title
        parallel = _parallel_title(record)
        if parallel and _is_chinese(parallel) != _is_chinese(title):
            values["title_zh_hans" if _is_chinese(parallel) else "title_en"] = parallel
    creator = next((_name(f) for tag in ("100", "110", "111") for f in record.get_fields(tag)), "")
    if creator:
        values["creator"] = creator
    contributors = [_name(field) for field in record.get_fields("700", "710")]
    if contributors:
        values["contributor"] = "; ".join(name for name in contributors if name)
    publication = next((f for f in record.get_fields("264") if f.indicator2 == "1"), None) or record.get("260")
    if publication is not None:
        if publication.get("b"):
            values["publisher"] = _trim(publication.get("b"))
        year = re.search(r"\d{4}", publication.get("c") or "")
        if year:
            values["date"] = year.group()
    if "date" not in values and record.get("008") is not None and record.get("008").data[7:11].isdigit():
        values["date"] = record.get("008").data[7:11]
    subjects = [_trim(field.get("a")) for field in record.get_fields("650") if field.get("a")]
    if subjects:
        values["subject"] = subjects
    description = " ".join(field.get("a") for field in record.get_fields("520") if field.get("a"))
    if description:
        values["description"] = description
    language = _subfield(record, "041", "a") or (
        record.get("008").data[35:38].strip() if record.get("008") is not None else ""
    )
    if language:
        values["language"] = MARC_LANGUAGES.get(language.lower(), language.lower())
    link = _subfield(record, "856", "u")
    if link:
        values["relation"] = link
    rights = _subfield(record, "540", "u") or _subfield(record, "506", "u")
    if rights:
        values["rights"] = rights
    leader = str(record.leader)
    if len(leader) > 7:
        values["kind"] = MARC_KINDS.get(leader[6]) or (
            Resource.Kind.ARTICLE if leader[7] in ("a", "b") else Resource.Kind.EBOOK
        )
    return values


def _subfield(record, tag, code):
    field = record.get(tag)
    value = field.get(code) if field is not None else None
    return (value or "").strip()


def _isbn(record):
    for field in record.get_fields("020"):
        match = re.match(r"[\d\-Xx ]{10,}", (field.get("a") or "").strip())
        if match:
            return re.sub(r"[\s-]", "", match.group()).upper()
    return ""


def _control_number(record):
    number = record.get("001").data.strip() if record.get("001") is not None else ""
    source = record.get("003").data.strip() if record.get("003") is not None else ""
    return f"({source}){number}" if number and source else number


def _title(record):
    field = record.get("245")
    if field is None:
        return ""
    return _trim(" ".join(_trim(part) for part in field.get_subfields("a", "b", "n", "p")))


def _parallel_title(record):
    field = next((f for f in record.get_fields("246") if f.indicator2 == "1"), None)
    return _trim(field.get("a")) if field is not None and field.get("a") else ""


def _name(field):
    return _trim(field.get("a") or "")


def _trim(text):
    """MARC's punctuation between elements (`Title /`, `Name,`, `Publisher :`) dropped from the ends."""
    return (text or "").strip().rstrip(" /:;,=").rstrip(".").strip() if text else ""


def _is_chinese(text):
    return any("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" for char in text or "")


# --- where files come from -----------------------------------------------------------------------------


class ZipFiles:
    """Files named by their path inside an uploaded ZIP archive; read by content, never trusted by name."""

    def __init__(self, file):
        try:
            self.archive = zipfile.ZipFile(file)
        except zipfile.BadZipFile:
            raise LibraryError(_("The files must come as one ZIP archive."), "bad_import") from None

    def open(self, path):
        name = str(PurePosixPath(path.replace("\\", "/").lstrip("/")))
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise LibraryError(_("The ZIP archive has no file %(path)s.") % {"path": path}, "file_missing") from None
        files.check_size(SimpleNamespace(size=info.file_size))  # before a byte is unpacked (zip bombs)
        copy = tempfile.SpooledTemporaryFile(max_size=16 * CHUNK)  # noqa: SIM115 - returned, closed with the File
        with self.archive.open(info) as member:
            while chunk := member.read(CHUNK):
                copy.write(chunk)
        copy.seek(0)
        return File(copy, name=PurePosixPath(name).name)

    def close(self):
        self.archive.close()


class FolderFiles:
    """Files under a folder on the server that a person with shell access chose; nothing outside it."""

    def __init__(self, root):
        self.root = Path(root).resolve()

    def open(self, path):
        candidate = (self.root / path).resolve()  # symbolic links are followed before the check
        if not candidate.is_relative_to(self.root):
            raise LibraryError(
                _("The file %(path)s is outside the folder files are imported from.") % {"path": path}, "file_missing"
            )
        if not candidate.is_file():
            raise LibraryError(_("There is no file %(path)s to import.") % {"path": path}, "file_missing")
        files.check_size(SimpleNamespace(size=candidate.stat().st_size))
        return File(candidate.open("rb"), name=candidate.name)

    def close(self):
        pass


class NoFiles:
    def open(self, path):
        raise LibraryError(
            _("This record names the file %(path)s, but no ZIP of files came with the import.") % {"path": path},
            "file_missing",
        )

    def close(self):
        pass


@contextmanager
def _file_source(job):
    """The import's files: its uploaded ZIP; else the command's `--files` (a ZIP or a folder); else the
    folder LIBRARY_IMPORT_ROOT. `files_path` is only ever set by the management command."""
    opened = jobs.attachment(job, "files")
    path = job.options.get("files_path") or ""
    if opened is None and path and Path(path).is_file():
        opened = Path(path).open("rb")  # noqa: SIM115 - closed below, with the uploaded ZIP
    try:
        if opened is not None:
            source = ZipFiles(opened)
        elif path:
            source = FolderFiles(path)
        elif settings.LIBRARY_IMPORT_ROOT:
            source = FolderFiles(settings.LIBRARY_IMPORT_ROOT)
        else:
            source = NoFiles()
        try:
            yield source
        finally:
            source.close()
    finally:
        if opened is not None:
            opened.close()


# --- one record ------------------------------------------------------------------------------------------


def _split(value):
    if isinstance(value, list):
        return [item.strip() for item in value if item.strip()]
    return [item.strip() for item in (value or "").split(LIST_SEPARATOR) if item.strip()]


def _refuse(message, code="bad_record"):
    raise LibraryError(message, code)


def _choice(value, choices, what):
    key = value.strip().lower()
    if key not in choices:
        _refuse(
            _("“%(value)s” is not a valid %(what)s; use one of: %(choices)s.")
            % {"value": value, "what": what, "choices": ", ".join(sorted(set(map(str, choices.values()))))}
        )
    return choices[key]


def _rights(value):
    def canonical(uri):
        return re.sub(r"^https?://", "", uri.strip()).rstrip("/").lower()

    known = {canonical(statement.value): statement.value for statement in RightsStatement}
    uri = known.get(canonical(value))
    if uri is None:
        _refuse(
            _("The rights URI %(uri)s is not a RightsStatements.org or Creative Commons statement the portal knows.")
            % {"uri": value}
        )
    return uri


def _subjects(names):
    subjects = []
    for name in names:
        subject = (
            Subject.objects.filter(slug=name).first()
            or Subject.objects.filter(name_zh_hans__iexact=name).first()
            or Subject.objects.filter(name_en__iexact=name).first()
        )
        if subject is None:
            slug = (slugify(name) or "s-" + hashlib.sha1(name.encode()).hexdigest()[:10])[:80]
            language_field = "name_zh_hans" if _is_chinese(name) else "name_en"
            subject, _created = Subject.objects.get_or_create(slug=slug, defaults={language_field: name[:120]})
        subjects.append(subject)
    return subjects


def _collections(names, organizer):
    collections = []
    for name in names:
        collection = (
            Collection.objects.filter(organizer=organizer, slug=name).first()
            or Collection.objects.filter(organizer=organizer, title_zh_hans=name).first()
            or Collection.objects.filter(organizer=organizer, title_en=name).first()
        )
        if collection is None:
            _refuse(_("%(organizer)s has no collection “%(name)s”.") % {"organizer": organizer, "name": name})
        collections.append(collection)
    return collections


def _digest(file):
    digest = hashlib.sha256()
    file.seek(0)
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _same_file(stored, upload):
    """Whether the stored file `stored` (a FieldFile) has the content of `upload`: re-imports keep it."""
    if not stored or stored.size != upload.size:
        return False
    try:
        with stored.open("rb") as current:
            return _digest(current) == _digest(upload)
    except OSError:
        return False


def _set_text_fields(resource, values):
    for name in TEXT_FIELDS + BILINGUAL_FIELDS:
        if name in values:
            setattr(resource, name, values[name])
    if values.get("credit_line") == "":
        resource.credit_line_zh_hans = resource.credit_line_en = ""
    for name in [*UNSPECIFIED_LANGUAGE, "credit_line"]:
        text = values.get(name)
        if text:  # written in the language of its script, unless the record gives that language's column
            field = f"{name}_zh_hans" if _is_chinese(text) else f"{name}_en"
            if not values.get(field):
                setattr(resource, field, text)


def import_values(values, *, organizer, access, source, stored):
    """Create or update the resource of one record (`values`, by COLUMNS); returns (outcome, resource).

    Refuses with a LibraryError naming what is wrong. Files it stores are named in `stored`, so that a
    caller whose savepoint rolls back can delete them.
    """
    identifier = values.get("identifier", "")
    if not identifier:
        _refuse(_("The identifier is missing: it is what lets a second import update this record."))
    resource = Resource.objects.select_for_update().filter(identifier=identifier).first()
    outcome = jobs.UPDATED if resource else jobs.CREATED
    if resource is None:
        resource = Resource(identifier=identifier, organizer=organizer, access=access)
    elif resource.organizer_id != organizer.pk:
        _refuse(
            _("The identifier %(identifier)s belongs to another organizer's resource.") % {"identifier": identifier}
        )

    _set_text_fields(resource, values)
    if not (resource.title_zh_hans or resource.title_en):
        _refuse(_("The title is missing (title_zh_hans or title_en)."))
    if values.get("kind"):
        resource.kind = _choice(values["kind"], KINDS_BY_NAME, _("kind"))
    elif not resource.kind:
        _refuse(_("The kind is missing: %(kinds)s.") % {"kinds": ", ".join(Resource.Kind.values)})
    if values.get("access"):
        resource.access = _choice(values["access"], {value: value for value in Resource.Access.values}, _("access"))
    if values.get("licences"):
        if not values["licences"].isdigit() or int(values["licences"]) < 1:
            _refuse(
                _("Licences must be a whole number of at least 1, not “%(value)s”.") % {"value": values["licences"]}
            )
        resource.licences = int(values["licences"])
    if values.get("category"):
        resource.category = _choice(values["category"], {value: value for value in Category.values}, _("category"))
    if values.get("rights"):
        resource.rights_statement = _rights(values["rights"])
    subjects = _subjects(_split(values["subject"])) if "subject" in values else None
    collections = _collections(_split(values["collection"]), organizer) if "collection" in values else None

    paths = _split(values.get("file", ""))
    upload, images = None, []
    if resource.kind == Resource.Kind.IMAGES:
        for path in paths:
            image = source.open(path)
            files.check_file(image, Resource.Kind.IMAGES)
            images.append(image)
    elif len(paths) > 1:
        _refuse(_("Only an image set may have more than one file."))
    elif paths:
        upload = source.open(paths[0])
        if _same_file(resource.file, upload):
            upload = None
    if upload is None and not resource.file and values.get("format"):
        resource.file_format = values["format"]

    replaced = resource.file.name if upload is not None and resource.file else ""
    try:
        catalog.save_resource(resource=resource, upload=upload, subjects=subjects, collections=collections)
    finally:
        if upload is not None and resource.file.name and resource.file.name != replaced:
            stored.append(resource.file.name)
    if replaced:
        transaction.on_commit(lambda: default_storage.delete(replaced))
    if images and not _same_images(resource, images):
        _replace_images(resource, images, stored)
    return outcome, resource


def _same_images(resource, images):
    current = list(resource.images.all())
    return len(current) == len(images) and all(
        _same_file(old.image, new) for old, new in zip(current, images, strict=True)
    )


def _replace_images(resource, images, stored):
    old_names = [old.image.name for old in resource.images.all()]
    resource.images.all().delete()
    for position, image in enumerate(images):
        picture = ResourceImage(resource=resource, position=position)
        picture.image.save(image.name, image, save=False)
        stored.append(picture.image.name)
        picture.save()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in old_names])


def _messages(exc):
    if hasattr(exc, "error_dict"):
        return " ".join(
            f"{Resource._meta.get_field(field).verbose_name if _is_field(field) else field}: {' '.join(errors)}"
            if field != "__all__"
            else " ".join(errors)
            for field, errors in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def _is_field(name):
    try:
        Resource._meta.get_field(name)
        return True
    except Exception:  # noqa: BLE001 - FieldDoesNotExist; the message still names it
        return False


# --- the job ----------------------------------------------------------------------------------------------


def run_import(job, progress):
    """The runner of a "library.import" job (portal.jobs): every record of the job's file, one by one."""
    if job.organizer is None:
        raise LibraryError(_("An import needs the organizer whose catalog it fills."), "bad_import")
    access = job.options.get("access") or Resource.Access.OPEN
    with job.input_file.open("rb") as metadata:
        format = job.options.get("format") or check_metadata_file(metadata)
        records, note = read_records(metadata, format)
    job.message = note
    progress.set_total(len(records))
    with _file_source(job) as source:
        for row, values, problem in records:
            label = (values or {}).get("identifier", "")
            if problem:
                progress.add(row=row, outcome=jobs.REFUSED, message=problem, label=label)
                continue
            outcome, message, resource = _import_one(values, organizer=job.organizer, access=access, source=source)
            progress.add(
                row=row,
                outcome=outcome,
                message=message,
                object_id=resource.pk if resource else None,
                label=f"{label} – {resource}" if resource else label,
                url=reverse("admin:library_resource_change", args=[resource.pk]) if resource else "",
            )
    if not records:
        job.message = " ".join(filter(None, [note, _("The file holds no records.")]))


def _import_one(values, *, organizer, access, source):
    """(outcome, message, resource or None) of one record, in its own savepoint."""
    stored = []
    try:
        with transaction.atomic():
            outcome, resource = import_values(values, organizer=organizer, access=access, source=source, stored=stored)
        return outcome, "", resource
    except ValidationError as exc:
        message = _messages(exc)
    except IntegrityError:
        message = _("Another resource took this identifier at the same time; import the record again.")
    for name in stored:
        default_storage.delete(name)
    return jobs.REFUSED, message, None


def start_import(*, metadata, organizer, access=Resource.Access.OPEN, files_archive=None, files_path="", by_user=None):
    """Start importing `metadata` (a CSV, MARC or MARCXML file) into `organizer`'s catalog; returns the job.

    New resources get `access` unless a record says otherwise. Files come from `files_archive` (an
    uploaded ZIP) or `files_path` (a ZIP or a folder on the server: for the management command only,
    never from a form). The job runs on a worker after the commit; see `import_now()` for in process.
    """
    return _start(metadata, organizer, access, files_archive, files_path, by_user, queue=True)


def import_now(*, metadata, organizer, access=Resource.Access.OPEN, files_archive=None, files_path="", by_user=None):
    """The same import as start_import(), run here and now (the management command: no worker needed)."""
    job = _start(metadata, organizer, access, files_archive, files_path, by_user, queue=False)
    return jobs.run(job.pk)


def _start(metadata, organizer, access, files_archive, files_path, by_user, queue):
    format = check_metadata_file(metadata)
    if files_archive is not None:
        check_files_archive(files_archive)
    if access not in Resource.Access.values:
        raise LibraryError(_("“%(value)s” is not a valid access level.") % {"value": access}, "bad_import")
    options = {"access": access, "format": format}
    if files_path:
        options["files_path"] = str(Path(files_path).resolve())
    return jobs.start_job(
        kind=KIND,
        organizer=organizer,
        created_by=by_user,
        options=options,
        input_file=metadata,
        attachments={"files": files_archive} if files_archive is not None else None,
        queue=queue,
    )


def template_rows():
    """The CSV template: the header row and one example row."""
    return [COLUMNS, EXAMPLE]
