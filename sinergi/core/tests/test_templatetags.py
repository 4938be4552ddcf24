from sinergi.core.templatetags.sinergi_forms import select_options


def test_select_options_escape_labels_and_mark_the_chosen_value() -> None:
    html = select_options([(1, "Dinas <PU> & Tata Ruang"), (12, 'RSUD "A"')], "12")
    assert html == (
        '<option value="1">Dinas &lt;PU&gt; &amp; Tata Ruang</option>'
        '<option value="12" selected>RSUD &quot;A&quot;</option>'
    )
    assert "selected" not in select_options([(1, "a")], None)
