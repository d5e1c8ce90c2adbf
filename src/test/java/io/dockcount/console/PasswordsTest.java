package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class PasswordsTest {
  @Test
  void hash_verifiesTheSamePassword_only() {
    String hash = Passwords.hash("s3cret-dock".toCharArray(), 1000);

    assertTrue(Passwords.verify("s3cret-dock".toCharArray(), hash));
    assertFalse(Passwords.verify("s3cret-Dock".toCharArray(), hash));
    assertFalse(Passwords.verify(new char[0], hash));
  }

  @Test
  void hash_format_carriesIterationsAndFreshSalt() {
    String a = Passwords.hash("same".toCharArray(), 1000);
    String b = Passwords.hash("same".toCharArray(), 1000);

    String[] parts = a.split("\\$");
    assertEquals(4, parts.length);
    assertEquals("pbkdf2-sha256", parts[0]);
    assertEquals("1000", parts[1]);
    assertNotEquals(a, b, "each hash has its own salt");
    assertTrue(Passwords.isHash(a));
  }

  @Test
  void malformedHash_matchesNothing() {
    assertFalse(Passwords.isHash("plain-text-password"));
    assertFalse(Passwords.isHash("pbkdf2-sha256$10$AAAAAAAAAAA$AAAA"));
    assertFalse(Passwords.verify("x".toCharArray(), "pbkdf2-sha256$abc$$"));
    assertFalse(Passwords.verify("x".toCharArray(), null));
  }

  @Test
  void hash_refusesWeakSettings() {
    IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
        () -> Passwords.hash("x".toCharArray(), 10));
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Passwords.hash(new char[0], 1000));

    assertEquals("iterations must be at least 1000, was 10", few.getMessage());
    assertEquals("the password must not be empty", empty.getMessage());
  }
}
