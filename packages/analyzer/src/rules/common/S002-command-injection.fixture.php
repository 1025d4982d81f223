<?php
// ruleid: S002
system("ls " . $_GET['dir']);
// ok: S002
system("uptime");
