import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The images' health check: the services' images hold no shell and no curl (a Java runtime on
 * {@code scratch}), so Compose's {@code healthcheck} runs this with the image's own {@code java}:
 * {@code java -Xmx8m -cp /opt/healthcheck HealthCheck http://127.0.0.1:9001/actuator/health/readiness}.
 * Exit 0 on a 2xx answer within two seconds, 1 otherwise. Kubernetes uses HTTP probes instead.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
			connection.setConnectTimeout(2000);
			connection.setReadTimeout(2000);
			int status = connection.getResponseCode();
			System.exit((status >= 200 && status < 300) ? 0 : 1);
		}
		catch (Exception ex) {
			System.err.println("health check: " + ex);
			System.exit(1);
		}
	}

}
