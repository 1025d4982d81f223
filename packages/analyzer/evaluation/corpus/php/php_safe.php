// expect: safe
<?php
$stmt = $pdo->prepare("SELECT * FROM users WHERE id = ?");
$stmt->execute([$_GET['id']]);
echo htmlspecialchars($_GET['user'], ENT_QUOTES, 'UTF-8');
$hash = password_hash($_POST['password'], PASSWORD_DEFAULT);
