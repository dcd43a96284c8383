"""A saved news page: the article between navigation, adverts, a sidebar and comments."""

from __future__ import annotations

from pathlib import Path

from .documents import png

PARAGRAPHS = (
    "3月12日上午，市委理论学习中心组召开专题学习会，深入学习贯彻党的二十大精神，"
    "围绕推进基层党组织建设进行交流研讨。",
    "会议指出，要坚持把党的政治建设摆在首位，严格落实“三会一课”制度，"
    "切实提高组织生活质量，推动全面从严治党向基层延伸。",
    "会议强调，各级党组织要结合实际，创新学习方式，用好线上线下学习资源，"
    "确保学习教育取得实效，以高质量党建引领高质量发展。",
)
# The same paragraphs after import: the site's Chinese typesetting spaces digits from Chinese
IMPORTED = (PARAGRAPHS[0].replace("3月12日", "3 月 12 日"), *PARAGRAPHS[1:])


def article_page(
    folder: Path, *, remote_image: str = "https://img.example.com/news/photo.jpg"
) -> Path:
    """Write `news.html` with its `news_files/` folder (as a browser saves a page)."""
    files = folder / "news_files"
    files.mkdir(parents=True, exist_ok=True)
    (files / "meeting.png").write_bytes(png(60, 40, (180, 20, 20)))
    (files / "ad-banner.png").write_bytes(png(200, 30, (20, 200, 20)))
    paragraphs = "\n".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>市委理论学习中心组召开专题学习会_新闻中心_某某网</title>
<link rel="canonical" href="https://news.example.org/2026/03/12/study.html">
<meta property="og:title" content="市委理论学习中心组召开专题学习会">
<meta name="publishdate" content="2026-03-12">
<script src="https://ads.example.net/tracker.js"></script>
</head><body>
<div id="nav" class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li>
<li><a href="/video">视频</a></li><li><a href="/about">关于我们</a></li></ul></div>
<div class="ad banner"><a href="https://ads.example.net/click"><img src="news_files/ad-banner.png"></a>
<p>广告：限时优惠，点击领取大礼包！</p></div>
<div id="main">
<div class="article">
<h1>市委理论学习中心组召开专题学习会</h1>
<div class="info">来源：某某日报　发布时间：2026-03-12 10:30</div>
{paragraphs}
<p><img src="news_files/meeting.png" alt="会议现场"></p>
{f'<p><img src="{remote_image}" alt="学习研讨"></p>' if remote_image else ""}
<p>会议还对下一阶段学习安排作了部署，要求各支部在月底前完成专题组织生活会。</p>
</div>
<div class="sidebar"><h3>热门推荐</h3><ul><li><a href="/a">某明星出席活动</a></li>
<li><a href="/b">本周天气</a></li></ul></div>
</div>
<div id="comments" class="comments"><h3>网友评论</h3>
<div class="comment"><p>网友甲：写得好！</p></div><div class="comment"><p>网友乙：支持！</p></div></div>
<div class="footer">版权所有 © 某某网 京ICP备00000000号</div>
</body></html>
"""
    path = folder / "news.html"
    path.write_text(page, encoding="utf-8")
    return path
