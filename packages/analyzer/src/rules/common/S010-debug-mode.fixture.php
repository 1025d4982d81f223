<?php
// ruleid: S010
ini_set('display_errors', '1');
// ok: S010
ini_set('display_errors', '0');
