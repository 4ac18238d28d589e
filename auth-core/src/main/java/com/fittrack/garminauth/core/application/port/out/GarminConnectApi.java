package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiRequest;
import com.fittrack.garminauth.core.domain.connectapi.ConnectApiResponse;

/**
 * Sends one call to the Garmin Connect API with a bearer token, through the Garmin client's one
 * transport, and hands back the answer unread (whatever its status). It does not refresh or retry.
 */
public interface GarminConnectApi {

  /**
   * The answer, its body still streaming. Fails with {@code garmin_unavailable} when Garmin could
   * not be reached or did not answer in time.
   */
  ConnectApiResponse send(ConnectApiRequest request, Secret accessToken);
}
