"""The options of a <select>, written in Python (inscrinet/forms_rendering.py): Django's
template loop over them (one template context and a dozen variable look-ups per option) was
most of the État civil page's time. The project's select.html uses this filter when the
widgets written in Python are switched off (the comparison test)."""

from django import template

from inscrinet.forms_rendering import select_options

register = template.Library()
register.filter("select_options", select_options)
