// expect: S002
<?php
$output = shell_exec("ping -c 1 " . $_POST['host']);
