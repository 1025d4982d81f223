// expect: S003
<?php
$result = mysqli_query($db, "SELECT * FROM users WHERE id = " . $_GET['id']);
