from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "url" VARCHAR(2000) NOT NULL,
    "audience" VARCHAR(16) NOT NULL,
    "notice_types" JSONB NOT NULL,
    "secret" VARCHAR(100) NOT NULL,
    "previous_secret" VARCHAR(100),
    "previous_secret_until" TIMESTAMPTZ,
    "enabled" BOOL NOT NULL,
    "disabled_reason" VARCHAR(500),
    "scanned_seq" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "agency_id" INT NOT NULL REFERENCES "agency" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_webhook_end_agency__59221f" ON "webhook_endpoint" ("agency_id", "id");
COMMENT ON COLUMN "webhook_endpoint"."audience" IS 'DISPATCH: DISPATCH\nDRIVERS: DRIVERS';
COMMENT ON TABLE "webhook_endpoint" IS 'An HTTPS URL of the agency''s that is sent its notices, signed with `secret`.';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "agency_id" INT NOT NULL,
    "event_seq" BIGINT NOT NULL,
    "event_type" VARCHAR(64) NOT NULL,
    "notice_type" VARCHAR(64) NOT NULL,
    "driver_id" INT,
    "lane" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "leased_until" TIMESTAMPTZ,
    "lease_token" VARCHAR(32),
    "first_failed_at" TIMESTAMPTZ,
    "last_status_code" INT,
    "last_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ NOT NULL,
    "delivered_at" TIMESTAMPTZ,
    "endpoint_id" INT NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_endpoin_ce856e" UNIQUE ("endpoint_id", "event_seq", "lane")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_53a5b3" ON "webhook_delivery" ("status", "endpoint_id", "lane", "id");
COMMENT ON COLUMN "webhook_delivery"."status" IS 'PENDING: PENDING\nDELIVERED: DELIVERED\nFAILED: FAILED';
COMMENT ON TABLE "webhook_delivery" IS 'One notice owed to one endpoint (for a driver audience: one per driver named).';
        CREATE TABLE IF NOT EXISTS "webhook_attempt" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "attempted_at" TIMESTAMPTZ NOT NULL,
    "status_code" INT,
    "latency_ms" INT NOT NULL,
    "error" VARCHAR(500),
    "next_retry_at" TIMESTAMPTZ,
    "delivery_id" BIGINT NOT NULL REFERENCES "webhook_delivery" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_att_deliver_a4a8c1" ON "webhook_attempt" ("delivery_id", "id");
COMMENT ON TABLE "webhook_attempt" IS 'One HTTP request made for a delivery, and what came of it.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "webhook_attempt";"""


MODELS_STATE = (
    "eJztXe9z2jq6/lc0fGk6w+m0pGm7nDt3hhDasodAhpDTs3vYcR2sBN+AxLFNU3a3//uVZB"
    "vbsmxkY4xx9SUBW6+AR9Jrvc/7Q/9pLLEBF/arziNEs02jDf7TQPoSkhfcnSZo6KtVcJ1e"
    "cPT7BWuqB23ubcfSZw65+qAvbEguGdCeWebKMTGibTvAgUhHThuYjg0M+KCvF+QF6XyxAc"
    "9zaEGgg9nadvASWgBbwLDMb+SVDUkrhJ25iR5f0Y8y8Ix8FnlXaK9rZP61hpqDH6FDxEjf"
    "f/6LXDaRAb9D23+7etIeTLgwIoCZBu2AXdeczYpd6yPnI2tIv/C9NsOL9RIFjVcbZ47Rtr"
    "WJHHqVoAkt3YG0e8daUxDRerHw0PZxdb9p0MT9iiEZDwVygUq7XyC41tC04Wii3fYmmtaI"
    "DZMvEcLYuzTDiA4x+ao2+/WP9Cv80nrz9v3bD+fv3n4gTdjX3F55/8P96AAYV5DBM5w0fr"
    "D7uqO7LRjGAajsfwzW7ly3xLj67TlkyVfmkfVxTIPWvxBgG8zqMsBd6t+1BUSPzpwi+vp1"
    "CpS/d8bdz53xGWn1kn4kJsvQXZ1D71bLvUfxDvB1zCXU/o1RJpAjQuUh3bibdBulQP3urQ"
    "TS794mAk1vRXGerS3LV5KyMIdlSkS5dzcuB+VzCZDPEzE+5yH2vq0209EMEgzol9OeyU/F"
    "z9rSRGsH2hkUtGRvuzV4UePy5u3b15VW4vGRIDiZy/VSuzcXC/L5e4xCSk/ljcC7U8HfRN"
    "+wOYNGZPKKNU8PrZcM+j75RrR1fKeS1FmJKulyMOr+llEpuUJtwP5NUWcwGH3RvvQnn7Xu"
    "uHfVn1DZXhuIr/MbTCl11pLRZ61khdbiNRrCmj0n+uYBCh7PV3BmLvVFwjYoKskNleGKvv"
    "K6kBg2b0tZlY1RCtBXvW7/ujM4e9NqulDbfy1MB4bH4G1sFwS/QeRoNvwrDvOl+ZionSJi"
    "5emhA6uhv7Va5+fvW6/P3324ePv+/cWH11t9FL+Vppgu+5+obopM90RlJUY/2X6KStUG/M"
    "KeATML0l+u6Y5AdZA7dA+fsO2MSPKqwxN95b84RbOK/EBjhBYbT7Gl4DrpX/duJ53rG/px"
    "S5voEoZfZ9Kjd1rs6oa7evaOU/HbTgB9zAD6FvxzNGQPmRW2nUeLfWLQbvLPBv1O+trBGi"
    "JaXDdCZr1/1UftByUkHp5C1jO9cK/Pnp51y9Aid4LpsbahJdiIXXpiH38bw8QnvccM3ZEu"
    "TnD0f/jz3b8azIKwueZSRXtC1PW6qStMLou2J0hXrJO6QqTbtvmIlpDK7AVTZ9tRXaFamu"
    "Qnkhb74XTt9lJXkLBl7L3iRrSPugJEnkqmiGPIAtDtto86IhQ25Pd9wHGcQB3hWukbvN5X"
    "e4eBumEd1hUusrm2C51XY9ZhXeHyDNk98eq7vdQVJAt+M+GzZjpwuSdQNxAZ5OuMWYd90l"
    "9dIWPc1J5g9b7VeLdpGnC5wg51sGkWnJF91b5rMOhwzPqrK3LP8H6O8ZNGltIKm3vPsi9u"
    "dz2vtzqhRpkY3MJJ3Ez0VljdLfSNttStp2RkRwhOMPmzG1/aYnPtdXaSPL8Y2GVryQG71J"
    "H+yL4l7Y4Kh6kqQXCTT2GlhDatVtrab7UzuOkWLyFGEDzPMaDWug1M1AY6ArqxNFET4BUF"
    "H1tNYMEVthxIXmEL6F440gsWsRSPbiquWxXepMKbKrO6SwhvsvAiAd/djm9ftspYNzpX1/"
    "1hG7B/UzS66Y07k9G4DfxXU3Q17v/eI1fc/1M07t2MxhN6xX+Vx9n95p3EYL3hPSHBWNFb"
    "0aEiipUoK8EDD5Nx0JF4PQRC3CjdE6lDDZOvgMp1bF+ORoOIF+qyz/lWh3fXlz2COuf2Vr"
    "7Bn9c3GFlgLEpby/Qcj8iU52Sv/BOdd4FlQzUikwvViu3TiwA15sbmZ24c4I/YgmQ7/Bvc"
    "xJ7kCT60bUcnNmuTDCFy2dKft7v16Holv5/8aug+BcZEfYz73UlDMHsLQFbaiVuxmSsLbG"
    "TJJgArE3ehfC9ZiV9oFel7qc8MjVJyegGBGD8BTmT/apgO2SIJw9AzgcV6GpKO6rT2MhGW"
    "GUm4bTCUgIgLB0olk3GzcKudZNyXOQbEDHyygY4MsNI39q9gjWzoAAdaS5uKLQD9acDBwJ"
    "lD4D48XwT5g3EmrqA+d9Nwf0Yf5QyufyluTnFz9eHm/Fweioq2IpurOV4LtqKpeQ6Jfeyd"
    "8VC1ASk65aGYLLlDZMdVbF9RNGGwf1Jc0clwNQdcsZ3JUCu2U7Gdu9aSIuZKIuZk+CMV/q"
    "2Cm1X4ackgqfDTo5NHnn9BQB0Fnodk4ihwc8gUqCJ2pI0Ri7aa6RbNBAF+ahLAa6e9Daxq"
    "0hgsAgC0VhZkUVc6cOBsjsyZqSNRlaoiu1YkUkU2SE1FIh2NRFrpm70IJKG8Io8UeVQl9a"
    "KC5FSQXKVmtaKNFG20S20p2qhCtFF55V4q9gBWNTqKhUolwx+VBglNMFGt7sj0S0lqi7aT"
    "oES8ctkYAd0nLH5lCWhsawloctoZwg6AZCyMl2COyY9h8S/bDDR7gR0RI1JgzzKESCSOk/"
    "XpbdNoLxp53lhOgwj96Rej4Vsq+qRU+sSdqbl24ZxoDbfhJ7Lt9jFJ33fPZnCVz9ziRAsY"
    "6GruYWoxzmGVm2WQw3JqhKs8wqEHacYxjkoqhV39YSarMtcge3JqiCs9xN5eOf8RCknyit"
    "lPzCPd15+V1o1ya+1wayny94Azu+QM6bqjGuUnpCPHw0IKV+WqOF7q+TKo07wntPWr+Mxj"
    "G123lczrP1Vo90vsPyTX709rAdEfmvHJLH9oge2m+EcIgv/D9wA/UPKdRZk3wbPpzBnXHo"
    "7U8TJdTQQesDWjRekgAqYDnnWbpcZCI07zF9575tjHlTl7Wq8Yg0/ZffYVxLfc+uHxe4r4"
    "L5P4J3rJWQuMTbnSbYF0iYeU3fSGV/3hJ61ze9v/NLzuuUcfZQBf0EMbxK9Nkfu6d9UG/i"
    "tyrdvt3Ux6V9rlPzS/5Fv82hT1h9rNePSJKLfbNgi9maLu6Ppm0JvQbrcvydXOsNsbDNhV"
    "/+UUDUfa7efRlzbwXvArXioeVOaQzVbyIZut2CGbwWqNzZt0UioiqFipSrNS0CaDwOLrIM"
    "rlSRDIqyGv9JB7y3OBZyknWaau7LBorkdC1djH6MmTUpH15ymR9efxyHrDwiv88JALdZGs"
    "gl0K9oTSRBP4PWFHuRWoA8BpWqv3xySisHwYz647f7yMKK3BaPjJbx6CvTsYXfKMr0XNv1"
    "xRBxFJ5ZKu8vOD+ZRzjXJUUo1ylUd5hpcryt3kStngZNVIV3mkU8/FlmMI0g/IPiRNQAez"
    "c3Mz6Hc7l4NeVoogKk3t7/D7KfLogi1vMEWdqyvGFNB/U/Sl0/+dvnX/5zHbi6/8HhoLTV"
    "/iNRItX8nTzkMdqEPPwyMS93Z7pR/yqEtOVGnLKmvLFV6Ys43m0eG5o3l2daO8yQIvfRS0"
    "/Uu/SfenRiN5NPwysnuvhZSOVIjbbvgLWw4yPaoB2T0gexXS2NWXij7csR/bImhZ4pijFJ"
    "Y7LlrDAjLnMmxrMtcaK2KiCjz8hAUe1isj56hHJdWoV2XUBUZQPMNfRXYfYP8QjqKSBDUS"
    "eKUwjWMaCT+TBDUasqY2uiqo+1hB3dgvLbwnsHUrUczjGlaDErC6C7wAXG+3HZ2WQpDFNa"
    "IJ96iXpCoCpaEeNaNUwe0cBbe1hYkKqro9ID3VZ0VHwFKFt49eccp9EgtyULaP6N3ntWnb"
    "bYFcIgpN9CBAgPsN0IHfya/AdGzgRvYDkx6oxgKwwIOFl+yWX0hbnH5SQJ+CpBMuy8SCD5"
    "AycF6Z7eR0lBCDxJJOtkiR2yrTpNRMk2DMYtgmE64RoRpSrW+kQlvfpIS2vomHtp5gTs/o"
    "pjdsZEOcybQB/VulbJviw3a8jV8+Bp2TVREk1SFPBZGVodFyn+VkXn2DC8GWLK0OeVo3JV"
    "Ym315RpcmVD6Miy1CVJj8W3x7eecvjykkpZBXpfjzSPXws+p7Yhs9hrym63NLdgyT2yYH9"
    "mKn6Va+Rcl1kgUjaa3GSCCkC/agEpze5BAxnMO2SKc5gesuU0bcgDdFjNKRLR7ZpPZzxxy"
    "64uHh7Aaz1AgL4faXTYsf09D8cOh3wgdXCZ2aTqI5+kV3vrq6jKMpSKUoyeJnYSa99DYnJ"
    "Cyli8iKFmLyIE5PKnk5GX9nTyp7erbtUTKCypCuwUWyq8LWqhK9V0YCupouoXHMnYiIKjB"
    "7ehEyJ7uBbSsV2eGP+wo6U/WzTI9Gb5M+myUp+0uPPDVYc1EvlAzRfjArSYqCPoqPEiu48"
    "c4lR3qdJQzniJ4lZ8Bu0wqEf0T6i5FSky3hrsjezScczMjbx1spEK9NEq5gzvKIPlqqbDV"
    "LecAsSSO189iIvq4a60kMdrMz7jcYuxsY7mYURCteQkmlJUTKtFEqmJaBkwuBZOBv/JRSu"
    "IfLFx3QF+uk+UwI6L1dDsA8yzbkdnDzcEbEaov1Opjj4u+Ti4O9ixcE9zMjPFwWu7cR6K1"
    "dDsA8ytWld2jjO6XVsc+NbTcteuAc6RBlbe4ZXuUshboVLjKuefO7faqNu92487g27masg"
    "cuJtwF2YInahM7zSPo4Gg9EXVhIxfm2KvnweDXrkc8b93m0bhN/xBIPUQir8SAPKUDCkY4"
    "ObGmobFisxtPY4S6rAyFr48ADZwfP5a4OldaG8GwLMPZhsvLaSknB2K7FYJ1V+TDe6d7eT"
    "0TU9osV/NUX+oS3+QS2dT0ST/UO76n3s3A0mbRB9n0c7FW8u2LM5NNbU0Mq+ToSyaoEIFo"
    "ivzHOALBJVGIvCwImWeRRon9Sad4GQKm4Hw0pEUNxO3+C1oznY0QXWV3plQU5UYb0D6zwV"
    "BFXpwCylA31/YRzhv9+OhmKEwzL8FDZnDvgvWJj2KariFGgpGunGLm/XNqMkPu2AN3afdZ"
    "qjn9EgCoRUpmEGe8iFLYejKyKosnur7ORiQ2VpWfk6TkzRdtlpu5kFDdNhEGrUg2JamfVa"
    "UhdKy2XQcuGYnIx6jhNVmq7Kmk6dePJzjLOK7G8cgiIJR1Vky5aPSyqEVS2CEpGNxuBKAh"
    "sVUriqbJ9SMPUCTjKBGpFRqKbt8bM+vOKCqsJ6IlGUFVxeTEGrsv+Olv23DBLJ9oS2fjVd"
    "eGyjeyOVWnmskwFU7acs4MrVfkoyegvA+M6uN75xQ18CY3fzWsQMDiV9jred1hTryJZfAu"
    "XtVqu8aVyxjZkssvymVGoKb40EBe/OicsbVHuUEHCDgwosm3bDOqyR3uDn6REP1DiRCVta"
    "/QVvru2owhDMSLlaDNoqENhZkuHLXHdY9TeDnnxh0UMwVrppgAdsAR344aORcgrgjLa38D"
    "NYEQFX7mW8HkOhPQuP3oj8aFeTuDLbUzSSizVwDVWhhLIKJehLvEYi92taCGggpII/2e9O"
    "Dv5Uvs/iZrG4Rmsu32dYUiEsQDhQyPLYRmQUqoo7PmINdq4YVoFMRo1RFihHCazdZV8Ayl"
    "fbjmqKb0RBZrayyzKDPKpuhxkUEHqSZlBAK0qU5kYAIsfa0FrYtDCcu/xf2GB70BvLzqC3"
    "IwaL+xmCIweL6HD3eYOsAAhv6Sh7pkx7JmvpFlWzJUPNlszFWlSVloxVWnRWqkBABaYlHQ"
    "RCJaYZ+ErjZLMMlGVelD5WFk5JFo6MB0YdX3NcfwJLABtiNnTxDXRwN33jHKSRSW6YgSsC"
    "qAg9fIbGrRj0dO05La6sP5LfT7a3OgKmba/ZkTMsgUZ0dM0ePamTaqq1G1bs/mHZ/aRQmV"
    "3lC2u6JVanAVVmOp9ckqA/WJmT2Xg5tS0XGDveQzobtFEhhetuc8dDrAB7px/0dGIQyxo8"
    "0dkl49PZrvQC8K175C+vFSvlbfAnt8BCCs37ZPMotMykTCMvzPyF7RsrbaADw9IfnCb1Bm"
    "xNmWfTmZM7j/pqAW2bRj394prl5Acs78UHfRbb+W4fg9tYEE/FBdOTBeCsbRVOVa7B5Y1O"
    "BoMgkKhDyR6uzFtLwhw4byUXemvFKpy6s1qIr0Rp7a10ibW1r8adj5NGNrxdIVp8lvybov"
    "7t7V3vqg3c/7wSkhmJDxID8SFxHD6okoa757rMVJcvaZinMueRS3K+PuyepzDSRhEKeaA+"
    "OULB3XblqS0VFlSVpao8xsqHW9ymVtU9Ogyyyjt+jPhflYdfeB6+VPRB4LjeN/gg4iqvCf"
    "DRaDoT7QuSx5YNSE91RUmlyB47pCU8yZIZW38O7mRttYXfUuqAcpqZCunx4AQXyqzO8HJF"
    "dZPhny7eTEpfpTcQ/sWe42fwAAWhLsV3L3NIeahUjyJnSyVnn8jPysJY+e1ryFYVf/ZU+G"
    "tlwJgTqyHU51JBMecpQTHngjhxFdh1UI5QxUvUq/BvxfZxB6im6m+SM1dT5QQVvCrK55hR"
    "Pseo+lmx6SuLbeain6HVXgC+NbaneaTjarJS8VTxkRDY6cLhSrbWV25zjZszMvFW4mJSrM"
    "5UyGAGz7rpkE8ADgb30A+eMkQxVvt3KGOYRzhm7oAZGrxlkCmBvPfUeG+CWNBVWEoZ9xUx"
    "7nfHBZ2Cod/odobd3mDQmfRHwzYIv5ui4Ui7/Tz6on3s9dog9IZfS8ehBtRhvuqA2dOOxl"
    "JnnO6YtwXm5avwrDwDcHKhO/yOKstA87IqSKvKI62Oefw5xlkF4zVqWeq0YktGRTueCrLH"
    "cqLVfMKqwzNVcG6l2HF1sFuFfDwq8jkLvLlPIDtSZemKPdqkYc5VWPoYfvYTBVjKzS4TwB"
    "8O0i01OP1EgD9opHXvG2QfFPPdujeaaf5auG0iFVZtLpdrJgv0Na32x6pj/8pqY1MX271u"
    "0+J/D2sb2uDuhvILgJb/u+oNeuTlmU7AMB8fhScNFdv9FE3RVxv+9ZWeWETlQ4UzZmvLxl"
    "Yb6IsFntGpBdZktlihCt/09KIXNiC3n5rAxqwIh4nIZ02R14B8ORNR5ph+FXJrhpdLco2d"
    "+8m+k06+qL1eQoDoQWnAfjJXNrlIZj/0GktW7iA/QlC2I3zAqO9Vjj70t77muBLNHEN+aT"
    "7+LJ7mv7Va5+fvW6/P3324ePv+/cWH11sDIX4rzVK47H+ixkIzzKvt9kfT0c4EvydQJ9Os"
    "lCEI1UygmMUwT/aB+u1r6P8svvY7njGXcR4WnxNVjrlq0/gzB1saeTJnZERjcoq7ExSdZy"
    "CxdxkUVVSqhurqUGcpENQsvMiBtS9VQ6yLj+8Kb2EllUVYROmJ6nD8NYdVOVPLOjZSwB39"
    "/XY0TEgCjUjx+0Nz5oD/suO5DqV7G//zsEYzFlR+vzYXjonsV/Tz/rdR/n6RohTZKvqa9+"
    "y68wevlLuD0SW/B6QdXPLDQqzUTAPita/GUNCPrc1QqCiZovSO8t0e/dihQ5Lh1MGwudat"
    "p4aAEA9uNtNIcYs205Z+u53M+GeaSaS7BDJeO/f4O2BdgLlug9X6nmi+OTQA1Gfz4AhJxr"
    "zb4Mz7T6bUJuC/Bfz4oT5kj8N3KqKUqkAbHyxBaTuyWmZqOCZa3jPgUEVdj8MQr1dGztyC"
    "qGQNKUx6MpExQotNY1uE60Qpza2bNvaokn2I7d5IjBCcYPLn4NuIo6rEg20i9qtHZsDlCj"
    "v0I8fseDrRBiHeKHWjYAbNNStov3PDMCHP8AfTsh3mJF6wA6R1QB/LzISxycPaP/jhCW5+"
    "Zc5kegw1+bu2kE29z+xEvfguodCedzunSR/q5OrjJjDDTAmcXvMaEtQHcQbgFQUkY3GyiF"
    "ANkS7eS2xB8jNtRyOmzDwL0rycAlsKbPpgyMLrBRLlM3vHcb8fhMNTKcp5hqLiZoMgEqIa"
    "rMixtZiiaktZMidM1X6B93OMnzqOQ6woYQAz16KZZos9u22JjgwaS8U0f55MboC3kwBL3S"
    "AGFKsRRT6B+hc3TRbP+zzXHTAjX49aVF7wbix+OX9XMpWm/F5UFG81CMKUA9TdOZjrWc/L"
    "qqd9pZ/27uGAZPwMQbxYctR2VErFhMRJd5opQR9covMbEnGNCqmNlABXaFk401GjW4H6nT"
    "R6IcUZXaRwRhdxzgjB747GWNUc2j8mrIrXVFn7c1sy+f0WJ1gnTVXC3ivFMPSBLcA09KyP"
    "q1CPJzYisjYiNxsjVmK3c9vtXPWObCRuByHZSgyP024zMTxP5OxEhB1zRmy2Z3rwDwaYXI"
    "LIWGECKzjz7DwWkcqSV8k2BLZZoxW54t2gX9xIyH0trnua++qBYUKbGpmRzqgJ+nWhI/gV"
    "nLHMWibcpIWRX78Ej5hGF9GU1q+m8dVNaKUftNhMEQs9WhjUuPXqPLOemYuRdkhzbd1sV4"
    "icV6ADFjQ/Fpx9Zf8NbY0cc/H1JaCRVTYTNclXfViYj3OHuiJXFp7RQ+4daiCT30hPUzJ+"
    "IZ0ZtKdvkCXQsi5ZC2uNbPplXauaZuTaroNzhwfTR8Kb7Sw2yg+RoT9DkG4bHAHOCbP2TW"
    "WMV9kYV3zsIcyI8KqRn9oRsToBW3JImotj1tTlqJTylkp4S93HcmakOTEFtQTU23yeDIo6"
    "IqNoNBGNhrIQk37z2oQKFwZksAWM64DdZ0UE0uWpgsZNb3jVH35qZEPYF2sD7wWxJnqD/u"
    "+9ce+qDbYvp+hjpz+gl9z/vFEjo0OKTyr2vCdZOOOwiJr2/LRnhKQHUV4+MyquHFqVpjTD"
    "tnrW0eZlFXld+ZHWHPwEM4W3cmL18wqdtySeSuet5HNgWvxTiUXkaw+6ucgVEiAQVyur0i"
    "tLJ+OVLzJAJKrsGpFdQ3DK7MuOStVPdR3Eoa3iln8KpeV5xHINNC+rHk9VHmnOhyX5ZOKk"
    "6kTeHypK3YcsjnLeYIReqMcTw1o2GIGbZ1mDEWJckGbh5z1rksfj0GuC/UHrkvNTNjl0Iz"
    "yrd4duhFeVxMHSiIXl34K78YCGKgRVvl94kQZ+2IDp2F4Uht0ENlmd0HBzpb/akOxknK+C"
    "Q6YL7NwtWT7TEXIrdrDS5fNQ1Re+qsszeeACmrZNuiJwYD/NwIR222+jW3CKaI0GsCJbX5"
    "be7cZKLPE3t3I57dmmyQgER2TrbhEt3S2aHnRIOwLPlklWQGJkRSxqIno0dtYIiZ8lPOJg"
    "qeFrS0DgJdtGXvMauipbr2Vzw1OTw+OlYr1ArLxOobB8lWFvXPVvbzqT7uc28F9N0dWY+o"
    "FuySX3RTX8PyG/e6ZakrxcNUoY1qqapPucy6KRAokqr46cSumNlE56k6KS3sQ10sqC30y8"
    "trXsYAtE68ePlQF6PtdZYieKSqk2lUIxFsX3YryAOkqiUrZS3PDeE7FDqTZ/b1vukF6ORo"
    "PIaF72uejG4d31ZY+sOjaMpJHp2vqCMtGmzXDT6LlL2WryCETrp90Owv6HLFLBLE87mSgq"
    "WJvQmpIjfZX35ad4kKgaoz/FMKtklMbh3S6qOFA5xYFivmNz38Nf65tye1BPS4dAP5s3BA"
    "4W704zza+iB212eVOSYdijjLwi/w9A/pPl459xL2sjhURqyLe1Li5kfAAXF8kuAHqP8wCQ"
    "RZUBYa95DdE9CLFGPtGBouiJZB4/JKJqlWYk62M7qjIrPvz4f2aGud0="
)
