const app = require('express')();
// ruleid: S017
app.listen(3000, '0.0.0.0');
// ok: S017
app.listen(3000, '127.0.0.1');
