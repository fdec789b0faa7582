import io

from kvinnofrid.knowledge import demo, samples
from kvinnofrid.knowledge.filetypes import detect


def test_without_pango_the_demo_publications_get_word_files(monkeypatch):
    def no_pango(**kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    demo._demo_file.cache_clear()
    monkeypatch.setattr(samples, "pdf_bytes", no_pango)
    try:
        extension, content = demo._demo_file("demo-varmland-handbok")
    finally:
        demo._demo_file.cache_clear()
    assert extension == "docx"
    assert detect(io.BytesIO(content)).key == "docx"
