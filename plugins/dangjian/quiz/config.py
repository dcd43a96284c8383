"""Configuration of the quiz plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class QuizConfig(Config):
    enabled = c.Type(bool, default=True)

    # Folder below docs_dir that holds the question banks (*.yml)
    quizzes_dir = c.Type(str, default="quizzes")

    # Where compiled banks land in the built site
    output_dir = c.Type(str, default="assets/dangjian/quiz")

    # Generate a page `<quizzes_dir>/<bank-id>.md` for each bank without one
    bank_pages = c.Type(bool, default=True)

    # End each study page that a bank cites with links to those banks (学完来测一测)
    related_links = c.Type(bool, default=True)
