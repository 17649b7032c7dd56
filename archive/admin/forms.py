"""The article edit form: optimistic locking, workflow rules and tags through the autocomplete."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from archive import workflow
from archive.admin.photos import MultipleImageField
from archive.history.versions import ARTICLE, versions
from archive.models import Article, ArticleTag, Tag


class _KnownValuesOnly:
    """Renders only well-formed ids: Django's autocomplete widgets fail on a mistyped one in the POST."""

    def optgroups(self, name, value, attr=None):
        pk = self.field.remote_field.model._meta.pk
        valid = []
        for item in value:
            try:
                pk.to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class TagAutocomplete(_KnownValuesOnly, AutocompleteSelect):
    pass


class TagsAutocomplete(_KnownValuesOnly, AutocompleteSelectMultiple):
    pass


def stale_message(article_pk, current_version: int) -> str:
    """What an editor whose form went stale is told: who saved in between, and what to do."""
    last = next(iter(versions(ARTICLE, article_pk)), None)
    who = ""
    if last is not None:
        who = f" ({last.author}, {timezone.localtime(last.at).strftime('%Y-%m-%d %H:%M')})"
    return (
        f"This article was changed by someone else{who} after you opened it, so your changes were not saved "
        f"(it is now at version {current_version}). Open it again in another tab, compare, and make your "
        "changes there; copy your text from this page first if you need it."
    )


class ArticleForm(forms.ModelForm):
    # The version the editor started from; a save from an older version is refused.
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    article_tags = forms.ModelMultipleChoiceField(queryset=Tag.objects.all(), required=False, label="Tags")
    add_photos = MultipleImageField(
        required=False,
        label="Add photos",
        help_text="Choose several images at once; each becomes a photo at the end of the list below, "
        "where you write its caption and credit.",
    )

    # Set by ArticleAdmin.get_form.
    user = None
    admin_site = None

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.admin_site is not None:
            field = self.fields["article_tags"]
            field.widget = TagsAutocomplete(Article._meta.get_field("tags"), self.admin_site)
            field.widget.choices = field.choices
        if self.instance.pk:
            # The version in the database now (a revert form starts from an old copy of the article).
            self.fields["lock_version"].initial = (
                Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )
            self.fields["article_tags"].initial = list(self.instance.tags.values_list("pk", flat=True))
        if "status" in self.fields and self.user is not None:
            allowed = workflow.allowed_statuses(self.user)
            self.fields["status"].choices = [(v, label) for v, label in Article.Status.choices if v in allowed]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Article.objects.filter(pk=self.instance.pk)
            if connection.in_atomic_block:
                # Held until the save commits: a second save waits here, then sees the new version.
                current = current.select_for_update()
            version = current.values_list("version", flat=True).first()
            if version is not None and cleaned.get("lock_version") != version:
                raise forms.ValidationError(stale_message(self.instance.pk, version), code="stale")
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.tags.set(self.cleaned_data.get("article_tags", []))


class TagPickForm(forms.Form):
    """The intermediate step of the add-tag and remove-tag actions."""

    tag = forms.ModelChoiceField(queryset=Tag.objects.all(), help_text="Type to find a tag by name or alias.")

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if admin_site is not None:
            field = self.fields["tag"]
            field.widget = TagAutocomplete(ArticleTag._meta.get_field("tag"), admin_site)
            field.widget.choices = field.choices


class MergeTagsForm(forms.Form):
    """Which of the selected tags the others are merged into."""

    target = forms.ModelChoiceField(queryset=Tag.objects.none(), widget=forms.RadioSelect, label="Merge into")

    def __init__(self, *args, tags=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = tags if tags is not None else Tag.objects.none()
