"""Photos become images checked by Pillow: width, height, alt text, and when their renditions were made."""

import archive.photos
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0019_links_and_slugs"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalphoto",
            name="alt_text",
            field=models.CharField(
                blank=True,
                help_text="What the photo shows, for readers who cannot see it; the caption when left empty.",
                max_length=500,
            ),
        ),
        migrations.AddField(
            model_name="historicalphoto",
            name="height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalphoto",
            name="renditions_made_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalphoto",
            name="width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="photo",
            name="alt_text",
            field=models.CharField(
                blank=True,
                help_text="What the photo shows, for readers who cannot see it; the caption when left empty.",
                max_length=500,
            ),
        ),
        migrations.AddField(
            model_name="photo",
            name="height",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="photo",
            name="renditions_made_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="photo",
            name="width",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="historicalphoto",
            name="image",
            field=models.TextField(
                blank=True,
                help_text="JPEG, PNG, GIF or WebP; checked for type, size and pixel count on upload.",
                max_length=255,
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="image",
            field=archive.photos.PhotoImageField(
                blank=True,
                height_field="height",
                help_text="JPEG, PNG, GIF or WebP; checked for type, size and pixel count on upload.",
                max_length=255,
                upload_to="photos/%Y/%m/",
                width_field="width",
            ),
        ),
    ]
