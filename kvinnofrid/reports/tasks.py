from django_tasks import task


@task(queue_name="default")
def report_export_build(*, export_id: int) -> str:
    """Make a status report's PDF, DOCX or XLSX file (see services.export_build)."""
    from .models import ReportExport
    from .services import export_build

    export = ReportExport.objects.select_related("report__county").get(pk=export_id)
    if export.status == ReportExport.Status.DONE:
        return export.file.name  # already made: a repeated run changes nothing
    return export_build(export=export).file.name
