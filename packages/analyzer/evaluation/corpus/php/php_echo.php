// expect: S011
<?php
echo "<h1>Welcome " . $_GET['user'] . "</h1>";
