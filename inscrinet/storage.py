"""File storage that never leaves a truncated file behind.

Django's FileSystemStorage writes straight to the final name: a full disk mid-write leaves
an empty or partial PDF that a later download would serve. Here the bytes go to a temporary
name in the same folder, are flushed to disk, then linked to the final name (refused if it
exists, as Django's own exclusive create); the temporary name is always removed.
"""

import os
import uuid

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        temporary = os.path.join(directory, f".tmp-{uuid.uuid4().hex}")
        try:
            with open(temporary, "xb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(temporary, self.file_permissions_mode)
            while True:
                try:
                    os.link(temporary, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return str(name).replace("\\", "/")
