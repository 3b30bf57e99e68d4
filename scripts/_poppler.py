"""Shared by the measurement scripts: make sure poppler's pdftotext/pdfinfo are installed."""
import shutil
import subprocess
import sys


def ensure_poppler():
    """Install poppler-utils (pdftotext, pdfinfo) with apt-get when it is missing."""
    if shutil.which("pdftotext"):
        return
    print("pdftotext not found: installing poppler-utils with apt-get...", file=sys.stderr)
    cmd = ["apt-get", "install", "-y", "poppler-utils"]
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update"], stdout=subprocess.DEVNULL)
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
    if not shutil.which("pdftotext"):
        sys.exit("error: pdftotext is missing and poppler-utils could not be installed")
