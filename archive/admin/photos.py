"""Photos in the article form: a preview in each inline row, drag to reorder, several uploaded at once."""

from adminsortable2.admin import SortableTabularInline
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.html import format_html

from archive import renditions
from archive.models import Photo
from archive.photos import FORMATS, PhotoImageFormField

IMAGE_TYPES = ",".join(f.content_type for f in FORMATS.values())
PREVIEW_WIDTH = 120


class PhotoInline(SortableTabularInline):
    model = Photo
    extra = 0
    fields = ("preview", "image", "caption", "credit", "alt_text", "position")
    readonly_fields = ("preview",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("caption", "alt_text"):
            field.widget = forms.Textarea(attrs={"rows": 2, "cols": 36})
        if db_field.name == "image":
            field.widget.attrs["accept"] = IMAGE_TYPES
        return field

    @admin.display(description="preview")
    def preview(self, photo):
        if not photo or not photo.image:
            return "no image"
        thumbnail = renditions.thumbnail_of(photo)
        url = thumbnail.url if thumbnail else photo.image.url
        return format_html(
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" width="{}" alt="{}" class="photo-preview"></a>'
            "<br><small>{} × {}</small>",
            photo.image.url,
            url,
            PREVIEW_WIDTH,
            photo.alt,
            photo.width or "?",
            photo.height or "?",
        )


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(PhotoImageFormField):
    """Several image files from one input; each is checked, and a refusal names its file."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": IMAGE_TYPES, "multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data] if data else []
        cleaned, errors = [], []
        for upload in uploads:
            name = getattr(upload, "name", "file")
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as exc:
                errors += [f"{name}: {message}" for message in exc.messages]
        if errors:
            raise ValidationError(errors)
        return cleaned


def add_uploaded_photos(article, uploads) -> list[Photo]:
    """New photos at the end of the article's, one per uploaded image (captions to be written in the inline)."""
    last = article.photos.aggregate(last=Max("position"))["last"] or 0
    photos = []
    for offset, upload in enumerate(uploads, start=1):
        photo = Photo(article=article, position=last + offset)
        photo.image.save(upload.name, upload, save=False)
        photo.save()
        photos.append(photo)
    return photos


def photos_needing_renditions(article, formsets) -> list[int]:
    """Photos of the article whose image is new or replaced: their renditions are to be made (again)."""
    for formset in formsets:
        if formset.model is Photo:
            replaced = [form.instance.pk for form in formset.forms if "image" in form.changed_data and form.instance.pk]
            Photo.objects.filter(pk__in=replaced).update(renditions_made_at=None)
    return list(
        Photo.objects.filter(article=article, renditions_made_at__isnull=True)
        .exclude(image="")
        .values_list("pk", flat=True)
    )
