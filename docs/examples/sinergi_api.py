"""A client of the Sinergi API with the standard library only (Python 3.10+).

    SINERGI_URL=https://sinergi.kaltimprov.go.id SINERGI_TOKEN=snrg_... python sinergi_api.py

Lists every agreement the token's user may see, page by page; asks again with the ETag (an
unchanged page answers 304 with no body); waits when told to (429 + Retry-After). Also shows
how a receiver checks a webhook's signature.
"""

import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class SinergiClient:
    def __init__(self, base_url: str, token: str) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise ValueError("SINERGI_URL harus http(s)://…")
        self.base_url = base_url.rstrip("/") + "/api/v1"
        self.token = token
        self.etags: dict[str, tuple[str, Any]] = {}  # url -> (ETag, body)

    def get(self, path: str, **params: Any) -> Any:
        url = f"{self.base_url}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if url in self.etags:
            headers["If-None-Match"] = self.etags[url][0]
        while True:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s), checked
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    body = json.load(response)
                    self.etags[url] = (response.headers["ETag"], body)
                    return body
            except urllib.error.HTTPError as error:
                if error.code == 304:  # unchanged since we last asked
                    return self.etags[url][1]
                if error.code == 429:  # too many requests: wait as told
                    time.sleep(int(error.headers.get("Retry-After", "60")))
                    continue
                problem = json.load(error)  # always {"code", "message", "errors"}
                raise RuntimeError(
                    f"{error.code} {problem['code']}: {problem['message']}"
                ) from None

    def agreements(self, **filters: Any) -> list[dict[str, Any]]:
        """Every agreement matching the filters, all pages."""
        found, page = [], 1
        while True:
            body = self.get("/kerja-sama", page=page, page_size=100, **filters)
            found += body["items"]
            if page >= body["pages"]:
                return found
            page += 1


def webhook_is_genuine(
    secret: str, headers: dict[str, str], body: bytes, max_age: int = 300
) -> bool:
    """For a receiver: the signature is HMAC-SHA256 of "<timestamp>.<body>" with the secret."""
    timestamp = headers["X-Sinergi-Timestamp"]
    if abs(time.time() - int(timestamp)) > max_age:  # an old message replayed
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(headers["X-Sinergi-Signature"], f"sha256={expected.hexdigest()}")


def main(base_url: str, token: str) -> list[dict[str, Any]]:
    client = SinergiClient(base_url, token)
    active = client.agreements(status="berlaku")
    for agreement in active:
        print(agreement["id"], agreement["status"], agreement["title"])
    client.get("/kerja-sama", status="berlaku", page=1, page_size=100)  # 304 behind the scenes
    return active


if __name__ == "__main__":
    main(os.environ["SINERGI_URL"], os.environ["SINERGI_TOKEN"])
