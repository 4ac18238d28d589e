package com.fittrack.garminauth.core.domain;

/** Where a newly stored session came from; decides the event it is announced with. */
public enum SessionOrigin {
  SIGN_IN,
  IMPORT
}
