"""Screenshots of communique serve's pages at desktop and phone widths, to look at (and one for the README).

    .venv/bin/python scripts/web_screenshots.py --db demo.db --out /tmp/shots /article/ID /dyad/KEN/ETH /network

Needs Debian's Chromium (/usr/bin/chromium) and the playwright package (never `playwright install`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from communique.web import create_app, serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="page addresses, e.g. /network")
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="device pixels per CSS pixel (0.7: a smaller file)"
    )
    parser.add_argument(
        "--hover", metavar="SELECTOR", help="hover this element first (an event trigger: its coding)"
    )
    parser.add_argument(
        "--widths", default="desktop,phone", help="desktop, phone or both (default: %(default)s)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with serving(create_app(args.db)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in args.widths.split(","):
            width, height = WIDTHS[name]
            page = browser.new_page(
                viewport={"width": width, "height": height}, device_scale_factor=args.scale
            )
            for path in args.paths:
                page.goto(url + path)
                if args.hover and page.locator(args.hover).count():
                    page.hover(args.hover)
                slug = path.strip("/").replace("/", "-").replace("?", "-") or "home"
                target = args.out / f"{slug}-{name}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
