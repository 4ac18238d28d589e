package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.in.AccessToken;
import com.fittrack.garminauth.core.application.port.in.CallGarminConnect;
import com.fittrack.garminauth.core.application.port.in.GarminSessions;
import com.fittrack.garminauth.core.application.port.out.GarminConnectApi;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;
import java.util.Objects;

/**
 * The Connect API proxy's use case: token, call, and on a 401 one refresh through {@link
 * GarminSessions#refreshAfterRejection} (single flight across every worker: a burst of calls that
 * meet the same refused token costs Garmin one refresh) and one retry.
 *
 * <pre>{@code
 * CallGarminConnect proxy = new ConnectApiService(auth.sessions(), garminClient.connectApi());
 * }</pre>
 */
public final class ConnectApiService implements CallGarminConnect {
  private final GarminSessions sessions;
  private final GarminConnectApi api;

  public ConnectApiService(GarminSessions sessions, GarminConnectApi api) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.api = Objects.requireNonNull(api, "api");
  }

  @Override
  public ConnectApiResponse call(UserId userId, ConnectApiRequest request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    AccessToken token = sessions.accessToken(userId);
    ConnectApiResponse first = api.send(request, token.token());
    if (first.status() != 401 || !request.replayable()) {
      return first;
    }
    first.close();
    // a failure to refresh (reauth_required, Garmin down) says more than the 401 would
    AccessToken refreshed = sessions.refreshAfterRejection(userId, token.token().reveal());
    return api.send(request, refreshed.token()).afterRefresh();
  }
}
