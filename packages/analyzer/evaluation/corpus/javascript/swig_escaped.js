// expect: safe
const express = require('express');
const Handlebars = require('handlebars');
const swig = require('swig');

const app = express();
swig.setDefaults({ autoescape: true, cache: 'memory' });
const comment = Handlebars.compile('<article><h3>{{author}}</h3><div>{{ body }}</div></article>');

app.get('/comments/:id', async (req, res) => {
  const found = await Comment.findById(req.params.id);
  res.send(comment(found));
});
