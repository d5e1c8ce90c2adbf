package io.dockcount.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for console users: PBKDF2 with HMAC-SHA256 (the JDK's own), a random 16-byte
 * salt and a 256-bit key, written as {@code pbkdf2-sha256$<iterations>$<salt>$<key>} with
 * Base64 salt and key. The iteration count travels with the hash, so it can be raised later
 * without breaking the hashes already in a config file.
 */
public final class Passwords {
  /**
   * Iterations for new hashes. One check took 0.68 s on the shared 2-core build machine; expect
   * longer on a Pi, which the login rate limit and a single checking thread keep affordable.
   */
  public static final int DEFAULT_ITERATIONS = 210_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** Returns a new hash of {@code password} with a fresh salt. */
  public static String hash(char[] password, int iterations) {
    if (iterations < 1_000) {
      throw new IllegalArgumentException("iterations must be at least 1000, was " + iterations);
    }
    if (password.length == 0) {
      throw new IllegalArgumentException("the password must not be empty");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** Returns true when {@code hash} is in the format {@link #hash} writes. */
  public static boolean isHash(String hash) {
    return parse(hash) != null;
  }

  /**
   * Returns true when {@code password} matches {@code hash}. Compares in constant time; a
   * malformed hash matches nothing.
   */
  public static boolean verify(char[] password, String hash) {
    Parsed p = parse(hash);
    if (p == null || password.length == 0) {
      return false;
    }
    return MessageDigest.isEqual(derive(password, p.salt, p.iterations), p.key);
  }

  private record Parsed(int iterations, byte[] salt, byte[] key) {}

  private static Parsed parse(String hash) {
    String[] parts = hash == null ? new String[0] : hash.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return null;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] key = Base64.getDecoder().decode(parts[3]);
      return iterations >= 1_000 && salt.length >= 8 && key.length == KEY_BITS / 8
          ? new Parsed(iterations, salt, key) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** Overwrites a password buffer once it is no longer needed. */
  static void wipe(char[] password) {
    Arrays.fill(password, '\0');
  }
}
