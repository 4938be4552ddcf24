"""The optional language model, against a fake OpenAI-compatible server on this machine."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from sinergi.extractions.engine import extract_text
from sinergi.recommendations.questions import answer_question
from sinergi.recommendations.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


class FakeModel(BaseHTTPRequestHandler):
    reply = ""
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.requests.append({"path": self.path, "body": body})
        answer = {"choices": [{"message": {"role": "assistant", "content": FakeModel.reply}}]}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def model(settings: Any) -> Iterator[type[FakeModel]]:
    server = HTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SINERGI_LLM_URL = f"http://127.0.0.1:{server.server_port}/v1"
    FakeModel.requests = []
    yield FakeModel
    server.shutdown()


def test_an_answer_is_rephrased_citing_only_the_evidence(
    registry: dict[str, Any],
    province_admin: Any,
    model: type[FakeModel],
) -> None:
    pk = registry["rujukan"].pk
    model.reply = f"Ada satu kerja sama kesehatan yang berakhir tahun ini: [#{pk}]."
    question = "kerja sama bidang kesehatan Kaltim yang berakhir tahun ini?"
    answer = answer_question(user=province_admin, question=question, today=TODAY)
    assert answer.phrased == model.reply
    assert model.requests[0]["path"] == "/v1/chat/completions"
    assert "Pelayanan rujukan pasien" in model.requests[0]["body"]["messages"][1]["content"]
    # A reply naming an agreement that is not in the evidence is dropped.
    model.reply = f"Lihat [#{registry['pontianak'].pk}]."
    answer = answer_question(user=province_admin, question=question, today=TODAY)
    assert answer.phrased == ""
    assert answer.evidence == [registry["rujukan"]]  # the answer itself stands


def test_without_a_reachable_model_everything_still_works(
    registry: dict[str, Any],
    province_admin: Any,
    settings: Any,
) -> None:
    settings.SINERGI_LLM_URL = "http://127.0.0.1:9/v1"  # nothing listens there
    settings.SINERGI_LLM_TIMEOUT = 2
    answer = answer_question(user=province_admin, question="kesehatan Kaltim", today=TODAY)
    assert answer.phrased == ""
    assert answer.total == 2  # the answer does not depend on the model


def test_low_confidence_fields_are_read_again_by_the_model(
    reference_data: None, model: type[FakeModel]
) -> None:
    # A heading without TENTANG: the rules' title is a guess (confidence 0.4).
    text = "NASKAH KERJA SAMA\nPemerintah Kota Samarinda\ndan\nPemerintah Kabupaten Berau\n"
    model.reply = json.dumps(
        {
            "title": "Pengembangan Wisata Bahari",
            "sector_code": "3.26",
            "place_signed": "Tanjung Redeb",
        }
    )
    extracted = extract_text(text)
    assert extracted.value("title") == "Pengembangan Wisata Bahari"
    assert extracted.value("sector") == ("3.26", "Pariwisata")
    assert extracted.fields["title"].passage == "model bahasa"
    model.reply = json.dumps({"title": None, "sector_code": "9.99"})  # an unknown sector
    assert extract_text(text).value("sector") != ("9.99", None)
