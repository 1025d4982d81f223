<?php
// ruleid: S001
eval($_GET['code']);
// ok: S001
eval('return 1;');
