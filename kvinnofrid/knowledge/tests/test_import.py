import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from kvinnofrid.knowledge import samples
from kvinnofrid.knowledge.models import Resource
from kvinnofrid.knowledge.search import ResourceSearch

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(tmp_path):
    (tmp_path / "filer").mkdir()
    (tmp_path / "filer" / "kartlaggning.pdf").write_bytes(
        samples.pdf_bytes(title="Kartläggning", paragraphs=["Sexköp via tillfälliga lägenheter."])
    )
    (tmp_path / "filer" / "mall.docx").write_bytes(
        samples.docx_bytes(title="SIP", paragraphs=["Samordnad individuell plan."])
    )
    (tmp_path / "filer" / "sida.pdf").write_bytes(samples.html_bytes())
    good = {
        "external_id": "arkiv-1",
        "title": "Kartläggning av prostitution i norr",
        "summary": "En kartläggning.",
        "type": "mapping_study",
        "publisher": "Länsstyrelsen i Norrbottens län",
        "county": "25",
        "year": 2016,
        "topics": ["prostitution-manniskohandel"],
        "audiences": ["socialtjanst"],
        "files": ["filer/kartlaggning.pdf"],
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        json.dumps(
            {
                **good,
                "external_id": "arkiv-2",
                "title": "SIP-mall",
                "type": "template",
                "county": None,
                "files": ["filer/mall.docx"],
            },
            ensure_ascii=False,
        ),
        "",
        "{inte json",
        json.dumps({**good, "external_id": "arkiv-3", "year": "förra året"}),
        json.dumps({**good, "external_id": "arkiv-4", "files": ["filer/saknas.pdf"]}),
        json.dumps({**good, "external_id": "arkiv-5", "files": ["filer/sida.pdf"]}),
        json.dumps({**good, "external_id": "arkiv-6", "topics": ["okant-amne"]}),
        json.dumps({**good, "external_id": "arkiv-7", "files": [], "url": ""}),
        json.dumps({**good, "external_id": "arkiv-8", "typo": 1}),
        json.dumps(
            {
                **good,
                "external_id": "arkiv-9",
                "title": "Film",
                "type": "film",
                "files": [],
                "url": "https://example.org/film",
            }
        ),
    ]
    path = tmp_path / "arkiv.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path, capsys):
    with pytest.raises(CommandError) as failure:
        call_command("import_resources", str(path))
    captured = capsys.readouterr()
    return str(failure.value), captured.out, captured.err


def test_valid_lines_are_imported_and_invalid_ones_reported_by_number(archive, capsys):
    failure, out, err = run_import(archive, capsys)
    assert "7 rader kunde inte importeras" in failure
    assert "Nya: 3, uppdaterade: 0, oförändrade: 0, fel: 7" in out
    errors = dict(line.split(": ", 1) for line in err.strip().splitlines())
    assert set(errors) == {f"rad {n}" for n in range(4, 11)}
    assert "ogiltig JSON" in errors["rad 4"]
    assert "årtalet" in errors["rad 5"]
    assert "saknas.pdf finns inte" in errors["rad 6"]
    assert "HTML" in errors["rad 7"]
    assert "okant-amne" in errors["rad 8"]
    assert "minst en fil eller en webbadress" in errors["rad 9"]
    assert "typo" in errors["rad 10"]
    assert set(Resource.objects.values_list("external_id", flat=True)) == {
        "arkiv-1",
        "arkiv-2",
        "arkiv-9",
    }
    mapping = Resource.objects.get(external_id="arkiv-1")
    assert mapping.live and mapping.county.code == "25"
    assert [t.slug for t in mapping.topics.all()] == ["prostitution-manniskohandel"]
    assert mapping.files.get().document.collection.name == "Norrbottens län"
    assert ModelLogEntry.objects.filter(action="kvinnofrid.knowledge.import").count() == 3


def test_importing_again_changes_nothing(archive, capsys):
    run_import(archive, capsys)
    documents = get_document_model().objects.count()
    revisions = sum(r.revisions.count() for r in Resource.objects.all())
    failure, out, err = run_import(archive, capsys)
    assert "Nya: 0, uppdaterade: 0, oförändrade: 3" in out
    assert get_document_model().objects.count() == documents
    assert sum(r.revisions.count() for r in Resource.objects.all()) == revisions


def test_a_changed_line_updates_the_resource(archive, capsys):
    run_import(archive, capsys)
    lines = archive.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["title"] = "Ny titel"
    lines[0] = json.dumps(first, ensure_ascii=False)
    archive.write_text("\n".join(lines), encoding="utf-8")
    failure, out, err = run_import(archive, capsys)
    assert "uppdaterade: 1" in out
    assert Resource.objects.get(external_id="arkiv-1").title == "Ny titel"
    assert ResourceSearch(query="titel").total == 1


def test_imported_files_are_extracted_by_the_queued_task(archive, capsys):
    from kvinnofrid.knowledge.models import DocumentText
    from kvinnofrid.knowledge.services import document_text_extract

    run_import(archive, capsys)
    # The queue would run this; here the task's work is done in-process.
    for text in DocumentText.objects.select_related("document"):
        assert text.status == "pending"
        document_text_extract(document=text.document)
    assert ResourceSearch(query="sexköp").total == 1
    assert ResourceSearch(query="samordnad").total == 1


def test_a_file_that_is_not_utf8_is_refused_whole(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"title": "Våld"}\n'.encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_resources", str(path))
    assert not Resource.objects.exists()
