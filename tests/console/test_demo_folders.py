"""profilerepo-demo starts in a new folder: the folders its .ini puts the database and
its blobs in are created, not reported missing."""
from __future__ import annotations

from profilerepo.console import demo


def test_the_demo_creates_the_folders_of_its_database(tmp_path, capsys):
    here = tmp_path / "some" / "dir"
    here.mkdir(parents=True)
    ini = here / "development.ini"
    ini.write_text(
        "[app:main]\nuse = egg:profilerepo\n"
        "zodbconn.uri = file://%(here)s/var/Data.fs"
        "?blobstorage_dir=%(here)s/var/blobs&connection_cache_size=20000\n"
        "profilerepo.secret = test\n"
    )

    demo.main([str(ini), "--students", "3"])

    assert "Loaded a demo district of 3 students" in capsys.readouterr().out
    assert (here / "var" / "Data.fs").is_file() and (here / "var" / "blobs").is_dir()
    demo.main([str(ini), "--show-logins"])
    assert "Demo logins" in capsys.readouterr().out


def test_the_demo_creates_deeper_folders_for_blobs_kept_elsewhere(tmp_path, capsys):
    ini = tmp_path / "demo.ini"
    ini.write_text(
        "[app:main]\nuse = egg:profilerepo\n"
        "zodbconn.uri = file://%(here)s/data/db/Data.fs"
        "?blobstorage_dir=%(here)s/files/zodb/blobs\n"
        "profilerepo.secret = test\n"
    )
    demo.main([str(ini), "--show-logins"])
    assert "No demo logins in this database." in capsys.readouterr().out
    assert (tmp_path / "data" / "db" / "Data.fs").is_file()
    assert (tmp_path / "files" / "zodb" / "blobs").is_dir()
