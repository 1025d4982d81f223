<?php
// ruleid: S011
echo "Hello " . $_GET['name'];
// ok: S011
echo "Hello " . htmlspecialchars($_GET['name'], ENT_QUOTES);
