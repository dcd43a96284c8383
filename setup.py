"""Build hook: put the top-level `theme/` and editor's guide inside the wheel.

`theme/` (templates and browser assets) and `content/guide/` stay where developers edit them;
the wheel carries copies at `dangjian/theme/` and `dangjian/guide/`, which
`dangjian.core.packaged` finds. An editable install reads the top-level folders directly.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# Source folder → folder inside the installed `dangjian` package
BUNDLED = {"theme": "theme", "content/guide": "guide"}


class BuildWithTheme(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for source, target in BUNDLED.items():
            destination = Path(self.build_lib) / "dangjian" / target
            shutil.rmtree(destination, ignore_errors=True)
            shutil.copytree(ROOT / source, destination)


setup(cmdclass={"build_py": BuildWithTheme})
