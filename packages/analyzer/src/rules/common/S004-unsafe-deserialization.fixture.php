<?php
// ruleid: S004
$obj = unserialize($_COOKIE['state']);
// ok: S004
$safe = unserialize($data, ['allowed_classes' => false]);
