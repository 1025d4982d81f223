# expect: safe
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE_DIR = Path(__file__).parent / "templates"

env = Environment(
    loader=FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=select_autoescape(["html", "xml"]),
    trim_blocks=True,
)


class FeedbackReport:
    template_name = "exam_feedback.html"

    def __init__(self, student, exam, comments):
        self.student = student
        self.exam = exam
        self.comments = comments

    def context(self):
        return {
            "student_name": self.student["display_name"],
            "exam_title": self.exam["title"],
            "score": self.exam["score"],
            "comments": [{"author": c["author"], "body": c["body"]} for c in self.comments],
        }

    def render(self):
        return env.get_template(self.template_name).render(**self.context())


def feedback_page(request, gradebook):
    student = gradebook.student(request.authenticated_userid)
    exam = gradebook.exam(request.matchdict["exam_id"], student["id"])
    comments = gradebook.peer_comments(exam["id"])
    request.response.content_type = "text/html"
    request.response.text = FeedbackReport(student, exam, comments).render()
    return request.response
