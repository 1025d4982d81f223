const ejs = require('ejs');
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
const swig = require('swig');

// ruleid: S027
swig.setDefaults({ autoescape: false, cache: false });
// ruleid: S027
nunjucks.configure('views', { autoescape: false });
// ruleid: S027
const card = Handlebars.compile('<div class="card">{{{ bio }}}</div>');
// ruleid: S027
const raw = Handlebars.compile('<p>{{ name }}</p>', { noEscape: true });
// ruleid: S027
const profile = ejs.render('<p><%- user.bio %></p>', { user: {} });
// ok: S027
swig.setDefaults({ autoescape: true });
// ok: S027
nunjucks.configure('views', { autoescape: true, watch: false });
// ok: S027
const escaped = Handlebars.compile('<div class="card">{{ bio }}</div>');
// ok: S027
const page = ejs.render('<%- include("header") %><p><%= user.bio %></p>', { user: {} });

module.exports = { card, raw, profile, escaped, page };

const PREVIEW = `
<article>
  <header><%= author %></header>
  <section><%- body %></section>
</article>`;
const SUMMARY = '<p><%= title %></p>';

function preview(req) {
  // ruleid: S027
  const html = ejs.render(PREVIEW, { author: req.body.author, body: req.body.body });
  // ok: S027
  const summary = ejs.render(SUMMARY, { title: req.body.title });
  return html + summary;
}

module.exports.preview = preview;

function paragraphs(text) {
  return text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

function reviewPreview(req) {
  const review = { title: req.body.title, bodyHtml: paragraphs(String(req.body.body)), body: String(req.body.body) };
  // ok: S027
  const escaped = ejs.render('<h3><%= review.title %></h3><%- review.bodyHtml %>', { review });
  // ruleid: S027
  const raw = ejs.render('<h3><%= review.title %></h3><%- review.body %>', { review });
  return escaped + raw;
}

module.exports.reviewPreview = reviewPreview;

const pug = require('pug');

// ruleid: S027
const eventCard = pug.compile(`
article
  h1= event.title
  .description!= event.description
`);
function notice(req) {
  // ruleid: S027
  const raw = pug.render('p Posted by !{author}', { author: req.query.author });
  // ok: S027
  const fixed = pug.render('p Posted by !{author}', { author: 'the team' });
  return raw + fixed;
}
// ok: S027
const escapedCard = pug.compile(`
article
  h1= event.title
  if event.title != event.venue
    p #{event.venue}
`);

module.exports.pugTemplates = { eventCard, notice, escapedCard };
