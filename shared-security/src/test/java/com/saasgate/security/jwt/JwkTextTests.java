package com.saasgate.security.jwt;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwkTextTests {

	private static final PrivateJwk<?, ?, ?> KEY = JwkText.generate();

	@Test
	void generateMakesAnEs256KeyNamedByItsThumbprint() {
		assertThat(KEY.getType()).isEqualTo("EC");
		assertThat(KEY.get("crv")).isEqualTo("P-256");
		assertThat(KEY.getId()).isEqualTo(KEY.thumbprint().toString());
		assertThat(JwkText.algorithmOf(KEY)).isEqualTo(Jwts.SIG.ES256);
	}

	@Test
	void parsePrivateWhenJwkOrPemThenTheSameKeyAndKid() {
		PrivateJwk<?, ?, ?> fromJson = JwkText.parsePrivate(JwkText.privateJson(KEY));
		PrivateJwk<?, ?, ?> fromPem = JwkText.parsePrivate(pem("PRIVATE KEY", KEY.toKey().getEncoded()));
		// As an environment variable may carry it: one line, the breaks written as \n.
		PrivateJwk<?, ?, ?> fromEscapedPem = JwkText
			.parsePrivate(pem("PRIVATE KEY", KEY.toKey().getEncoded()).replace("\n", "\\n"));

		assertThat(fromJson.getId()).isEqualTo(KEY.getId());
		assertThat(fromPem.getId()).isEqualTo(KEY.getId());
		assertThat(fromEscapedPem.getId()).isEqualTo(KEY.getId());
		assertThat(fromPem.toKey().getEncoded()).isEqualTo(KEY.toKey().getEncoded());
	}

	@Test
	void parsePrivateWhenEd25519ThenEdDsa() {
		KeyPair pair = Jwks.CRV.Ed25519.keyPair().build();

		PrivateJwk<?, ?, ?> key = JwkText.parsePrivate(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

		assertThat(JwkText.algorithmOf(key)).isEqualTo(Jwts.SIG.EdDSA);
		assertThat(key.toPublicJwk().toKey()).isEqualTo(pair.getPublic());
	}

	@Test
	void parsePrivateWhenPublicOrSecretOrOtherKindThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePrivate(JwkText.publicJson(KEY.toPublicJwk())))
			.withMessageContaining("not a private key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwkText.parsePrivate(Jwks.UNSAFE_JSON(Jwks.builder().key(Jwts.SIG.HS256.key().build()).build())));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwkText.parsePrivate(Jwks.UNSAFE_JSON(Jwks.builder().keyPair(Jwts.SIG.ES384.keyPair().build()).build())))
			.withMessageContaining("P-256");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwkText.parsePrivate(pem("PRIVATE KEY", Jwts.SIG.RS256.keyPair().build().getPrivate().getEncoded())));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePrivate(pem("PUBLIC KEY", KEY.toPublicJwk().toKey().getEncoded())));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePrivate("a-32-byte-hmac-secret-0123456789abcdef"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePrivate("{not json"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePrivate(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePrivate(null));
	}

	@Test
	void parsePublicKeysWhenJwkJwkSetOrPemThenThePublicHalves() {
		PrivateJwk<?, ?, ?> other = JwkText.generate();
		String set = "{\"keys\":[" + JwkText.publicJson(KEY.toPublicJwk()) + "," + JwkText.publicJson(other.toPublicJwk()) + "]}";

		assertThat(ids(JwkText.parsePublicKeys(set))).containsExactly(KEY.getId(), other.getId());
		assertThat(ids(JwkText.parsePublicKeys(JwkText.privateJson(KEY)))).containsExactly(KEY.getId());
		assertThat(ids(JwkText.parsePublicKeys(pem("PUBLIC KEY", KEY.toPublicJwk().toKey().getEncoded()) + "\n"
				+ pem("PRIVATE KEY", other.toKey().getEncoded())))).containsExactly(KEY.getId(), other.getId());
		assertThat(JwkText.parsePublicKeys(JwkText.privateJson(KEY)).get(0)).isInstanceOf(PublicJwk.class);
	}

	@Test
	void parsePublicKeysWhenJwkHasNoKidThenItsThumbprint() {
		String withoutKid = JwkText.publicJson(KEY.toPublicJwk()).replaceAll(",?\"kid\":\"[^\"]*\"", "");
		assertThat(withoutKid).doesNotContain("kid");

		assertThat(ids(JwkText.parsePublicKeys(withoutKid))).containsExactly(KEY.getId());
	}

	@Test
	void parsePublicKeysWhenNothingUsableThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePublicKeys("{\"keys\":[]}"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePublicKeys("{\"keys\":42}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwkText.parsePublicKeys(Jwks.UNSAFE_JSON(Jwks.builder().key(Jwts.SIG.HS256.key().build()).build())))
			.withMessageContaining("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePublicKeys("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
		assertThatIllegalArgumentException().isThrownBy(() -> JwkText.parsePublicKeys("plain text"));
	}

	@Test
	void publicKeySetWhenTwoKeysShareAKidThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PublicKeySet(List.of(KEY.toPublicJwk(), KEY.toPublicJwk())));
	}

	@Test
	void publicKeySetKeyForWhenUnknownOrNullThenUnknownKey() {
		PublicKeySet set = PublicKeySet.parse(JwkText.publicJson(KEY.toPublicJwk()));

		assertThat(set.keyFor(KEY.getId())).isEqualTo(KEY.toPublicJwk());
		assertThat(set.toString()).contains(KEY.getId());
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> set.keyFor("other"))
			.isInstanceOf(UnknownKeyException.class)
			.satisfies((ex) -> assertThat(((UnknownKeyException) ex).keyId()).isEqualTo("other"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> set.keyFor(null)).isInstanceOf(UnknownKeyException.class);
	}

	private static List<String> ids(List<PublicJwk<?>> keys) {
		return keys.stream().map(PublicJwk::getId).toList();
	}

	static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + label + "-----";
	}

}
