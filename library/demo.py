"""The library's part of `manage.py seed_demo`: a bilingual catalog with a real small file behind every item.

About sixty-five resources at the four demo libraries (the city library, its Hi-Tech branch, the
Yunling county library and the Chayuan village reading room), of every kind: e-books as PDF and EPUB,
audio, video, articles (as text or as PDF) and image sets. Public-domain Chinese and English works
carry a short excerpt of their real text; local-culture items (the farming calendar, folk and
tea-picking songs, paper-cutting, lantern opera, village memories) are the libraries' own, under
Creative Commons. Most are open; some need a signed-in resident, some are lending-controlled (several
with one licence, so a second reader must place a hold), a few are staff-only.

Every file is generated here by `library.demo_files` (PDF, EPUB, WAV, WebVTT, JPEG), except the one
video clip, which is committed in `demo_assets/`. Everything goes through
`library.services.catalog.save_resource`, which checks each file by its content and indexes the item.
Resources are found again by their identifier (`demo:lib:<key>`), subjects and collections by slug:
a second run updates the texts and makes a file only where one is missing.
"""

from html import escape

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from portal import media
from portal.models import Organizer
from portal.rights import RightsStatement

from . import demo_files
from .demo_catalog import BODY, COLLECTIONS, EPUB, IDENTIFIER_PREFIX, ITEMS, ORGANIZERS, PDF, SUBJECTS, VIDEO, WAV
from .models import Collection, Resource, ResourceImage, Subject
from .services.catalog import save_resource

K, R = Resource.Kind, RightsStatement


def seed(context):
    organizers = {organizer.slug: organizer for organizer in Organizer.objects.filter(slug__in=ORGANIZERS)}
    subjects = seed_subjects()
    collections = seed_collections(organizers)
    resources, files_made = {}, 0
    for data in ITEMS:
        resources[data.key], made = upsert_resource(data, organizers[data.organizer], subjects, collections)
        files_made += made
    seed_lending(context, resources)
    context.stdout.write(
        f"  library: {len(resources)} demo resources, {files_made} files made this run "
        f"(of {Resource.objects.filter(identifier__startswith=IDENTIFIER_PREFIX).count()} demo items)"
    )


def seed_subjects():
    subjects = {}
    for data in SUBJECTS:
        subjects[data.slug], _ = Subject.objects.update_or_create(
            slug=data.slug, defaults={"name_zh_hans": data.name_zh_hans, "name_en": data.name_en}
        )
    return subjects


def seed_collections(organizers):
    collections = {}
    for data in COLLECTIONS:
        collections[data.slug], _ = Collection.objects.update_or_create(
            slug=data.slug,
            defaults={
                "organizer": organizers[data.organizer],
                "title_zh_hans": data.title_zh_hans,
                "title_en": data.title_en,
                "description_zh_hans": data.description_zh_hans,
                "description_en": data.description_en,
            },
        )
    return collections


# --- Loans and holds -----------------------------------------------------------------------------------

# Who borrows which single-licence item and who then waits for it, so the lending pages show a loan, a
# full item and a queue. Made through the lending services (`library.services.lending`), never by
# writing rows, once those exist: `seed_lending` below is where they are called.
DEMO_LOANS = [
    ("hongloumeng-annotated", "resident"),
    ("sanguo", "student-wang"),
    ("tale-of-two-cities", "grandma-li"),
    ("yunling-songbook", "sim-resident-03"),
]
DEMO_HOLDS = [
    ("hongloumeng-annotated", "grandma-li"),
    ("hongloumeng-annotated", "sim-resident-01"),
    ("sanguo", "resident"),
]


def seed_lending(context, resources):
    """Borrow DEMO_LOANS and place DEMO_HOLDS through the lending services, as residents do.

    A second run changes nothing: the services refuse a second loan or hold of the same person
    (`already_borrowed`, `already_on_hold`), and those refusals are skipped here.
    """
    from django.contrib.auth import get_user_model

    from .errors import LibraryError
    from .services import lending

    users = {user.username: user for user in get_user_model().objects.filter(username__in=_demo_usernames())}
    made = 0
    for action, pairs in ((lending.borrow, DEMO_LOANS), (lending.place_hold, DEMO_HOLDS)):
        for key, username in pairs:
            if key not in resources or username not in users:
                continue
            try:
                action(user=users[username], resource=resources[key])
                made += 1
            except LibraryError:
                pass
    context.stdout.write(f"  library lending: {made} loans and holds made this run")


def _demo_usernames():
    return {username for _key, username in DEMO_LOANS + DEMO_HOLDS}


# --- One resource --------------------------------------------------------------------------------------


def upsert_resource(data, organizer, subjects, collections):
    """Create or update the resource `data` describes; make its files only where they are missing.

    Returns the resource and how many files were written. The cover's thumbnail is made here, before
    the save, so no thumbnail task is queued: the demo is complete with REDIS_URL set and no worker.
    """
    resource = Resource.objects.filter(identifier=data.identifier).first() or Resource(identifier=data.identifier)
    credit_zh_hans, credit_en = credit_lines(data, organizer)
    fields = {
        "kind": data.kind,
        "organizer": organizer,
        "access": data.access,
        "licences": data.licences,
        "category": data.category,
        "title_zh_hans": data.title_zh_hans,
        "title_en": data.title_en,
        "description_zh_hans": data.description_zh_hans + DEMO_FILE_NOTES.get(data.form, ("", ""))[0],
        "description_en": data.description_en + DEMO_FILE_NOTES.get(data.form, ("", ""))[1],
        "creator": data.creator,
        "contributor": data.contributor,
        "publisher": f"{organizer.name_zh_hans} ({organizer.name_en})",
        "date": data.date,
        "language": data.language,
        "source": data.source,
        "coverage": data.coverage or organizer.district.name_en,
        "rights_statement": data.rights,
        "credit_line_zh_hans": credit_zh_hans,
        "credit_line_en": credit_en,
        "transcript_zh_hans": data.transcript_zh_hans,
        "transcript_en": data.transcript_en,
        "body": article_body(data) if data.form == BODY else "",
    }
    for name, value in fields.items():
        setattr(resource, name, value)

    made = 0
    upload = None
    if data.form in FILE_MAKERS and not stored(resource.file):
        extension, make = FILE_MAKERS[data.form]
        upload = SimpleUploadedFile(f"{data.key}.{extension}", make(data, organizer))
        made += 1
    if not stored(resource.cover):
        cover = demo_files.cover_image(
            key=data.key, title=data.title_en, creator=data.creator, kind_label=str(K(data.kind).label)
        )
        resource.cover.save(f"{data.key}.jpg", ContentFile(cover), save=False)
        made += 1
    made += media.refresh_thumbnail(resource, source="cover", target="cover_thumbnail")
    if data.captions and not stored(resource.captions):
        resource.captions.save(f"{data.key}.vtt", ContentFile(demo_files.webvtt(data.captions)), save=False)
        made += 1

    save_resource(
        resource=resource,
        upload=upload,
        subjects=[subjects[slug] for slug in data.subjects],
        collections=[collections[slug] for slug in data.collections],
    )
    return resource, made + seed_pictures(resource, data)


def seed_pictures(resource, data):
    """An image set's pictures by position: captions refreshed, a picture drawn only when missing."""
    made = 0
    existing = {image.position: image for image in resource.images.all()}
    for position, picture in enumerate(data.pictures):
        image = existing.pop(position, None) or ResourceImage(resource=resource, position=position)
        image.caption_zh_hans, image.caption_en = picture.caption_zh_hans, picture.caption_en
        if not stored(image.image):
            content = demo_files.picture(picture.style, f"{data.key}-{position}")
            image.image.save(f"{data.key}-{position}.jpg", ContentFile(content), save=False)
            made += 1
        image.save()
    for image in existing.values():  # positions the data no longer has
        image.image.delete(save=False)
        image.delete()
    return made


def stored(file):
    return bool(file) and file.storage.exists(file.name)


DEMO_FILE_NOTES = {
    WAV: ("（演示文件：几秒钟的合成旋律。）", " (Demo file: a few seconds of synthesised melody.)"),
    VIDEO: ("（演示文件：一段四秒钟的短片。）", " (Demo file: a four-second clip.)"),
}


def credit_lines(data, organizer):
    if data.credit_zh_hans:
        return data.credit_zh_hans, data.credit_en
    if data.rights == R.PUBLIC_DOMAIN:
        return (
            f"原著属公有领域；数字版：{organizer.name_zh_hans}（演示）",
            f"Original in the public domain; digital edition: {organizer.name_en} (demo)",
        )
    if data.rights.startswith("http://creativecommons.org/licenses/"):
        return (
            f"{organizer.name_zh_hans} 制作（演示内容）",
            f"Made by {organizer.name_en} (demo content)",
        )
    return (
        f"© {organizer.name_zh_hans}（虚构的演示版本）",
        f"© {organizer.name_en} (a fictional demo edition)",
    )


def rights_names(uri):
    names = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            names.append(str(RightsStatement(uri).label))
    return names


def colophon(data, organizer):
    credit_zh_hans, credit_en = credit_lines(data, organizer)
    rights_zh_hans, rights_en = rights_names(data.rights)
    return [
        "关于本版",
        data.description_zh_hans,
        f"权利声明：{rights_zh_hans}。{credit_zh_hans}。",
        "About this edition",
        data.description_en,
        f"Rights: {rights_en}. {credit_en}.",
        f"{data.identifier} · {organizer.name_en}",
    ]


def title_and_subtitle(data):
    if data.language == "en":
        return data.title_en, data.title_zh_hans
    return data.title_zh_hans, data.title_en


def make_pdf(data, organizer):
    title, subtitle = title_and_subtitle(data)
    return demo_files.pdf_document(
        title=title,
        subtitle=subtitle,
        author=data.creator,
        chapters=[(heading, list(paragraphs)) for heading, paragraphs in data.chapters],
        colophon=colophon(data, organizer),
    )


def make_epub(data, organizer):
    title, _ = title_and_subtitle(data)
    about, *notes = colophon(data, organizer)
    return demo_files.epub_book(
        identifier=data.identifier,
        title=title,
        author=data.creator,
        language=data.language,
        chapters=[*((heading, list(paragraphs)) for heading, paragraphs in data.chapters), (about, notes)],
        verse=data.verse,
    )


def make_wav(data, organizer):
    return demo_files.melody_wav(data.key)


def make_video(data, organizer):
    return demo_files.video_clip()


FILE_MAKERS = {PDF: ("pdf", make_pdf), EPUB: ("epub", make_epub), WAV: ("wav", make_wav), VIDEO: ("webm", make_video)}


def article_body(data):
    parts = []
    for heading, paragraphs in data.chapters:
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts += [f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs]
    return "\n".join(parts)
